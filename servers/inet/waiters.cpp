// waiters.cpp — keeping and retrying requests that wait (see waiters.h).
//
// Entry points: attempt_or_wait, retry_waiters, drop_waiters_of.
#include "waiters.h"

#include <sys/kcall.h>

#include "timers.h"

namespace inet {
namespace {

constexpr uint64_t kNanosPerMilli = 1'000'000;

void clear_reply(Message& reply) {
    reply = Message{};
    reply.type = protocol::kReplyOk;
}

void finish(InetState& state, Waiter& waiter) {
    forget_pending_of(state, waiter.request.source);
    waiter = Waiter{};
}

// True when the waiter is done (answered or expired).
bool retry(InetState& state, Waiter& waiter, uint64_t now) {
    const Endpoint client = waiter.request.source;
    Message reply;
    clear_reply(reply);
    Result<Disposition> result = attempt_request(state, waiter.request, reply);
    if (result.is_error() && result.error() == Error::WouldBlock) {
        if (waiter.deadline_ns == 0 || now < waiter.deadline_ns) return false;
        clear_reply(reply);
        if (waiter.request.type == protocol::inet::kConnect) abandon_connect(state, waiter.request);
        if (answer_on_expiry(state, waiter.request, reply)) (void)sys::send_reply(client, reply);
        else (void)sys::send_error_reply(client, Error::Timeout);
        return true;
    }
    if (result.is_error()) (void)sys::send_error_reply(client, result.error());
    else (void)sys::send_reply(client, reply);
    return true;
}

}  // namespace

Result<Disposition> attempt_or_wait(InetState& state, const Message& request, Message& reply) {
    Result<Disposition> first = attempt_request(state, request, reply);
    if (first.ok() || first.error() != Error::WouldBlock) return first;
    Waiter* slot = nullptr;
    for (Waiter& waiter : state.waiters) {
        if (waiter.used && waiter.request.source == request.source) slot = &waiter;  // a client waits once
        if (!waiter.used && slot == nullptr) slot = &waiter;
    }
    if (slot == nullptr) return Error::Busy;
    const uint32_t limit = wait_limit_ms(request);
    *slot = Waiter{true, request, limit == 0 ? 0 : sys::uptime_ns() + uint64_t{limit} * kNanosPerMilli};
    schedule_alarm(state);
    return Disposition::Deferred;
}

void retry_waiters(InetState& state) {
    const uint64_t now = sys::uptime_ns();
    for (Waiter& waiter : state.waiters)
        if (waiter.used && retry(state, waiter, now)) finish(state, waiter);
}

void drop_waiters_of(InetState& state, Endpoint client) {
    for (Waiter& waiter : state.waiters)
        if (waiter.used && waiter.request.source == client) finish(state, waiter);
    forget_pending_of(state, client);
}

}  // namespace inet
