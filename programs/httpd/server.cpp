// server.cpp — the poll loop over the listener and the connections (see
// server.h): each round closes connections past their idle deadline, polls
// until something is ready or the earliest deadline comes, steps every ready
// connection, then accepts one waiting connection if a slot is free.
//
// Entry point: serve.
#include "server.h"

#include <sys/kcall.h>
#include <sys/socket.h>

#include "connection.h"

namespace httpd {
namespace {

namespace pi = protocol::inet;

constexpr uint64_t kNanosPerMilli = 1'000'000;
constexpr uint32_t kNoDeadlineMs = 0xFFFFFFFFu;  // poll's longest wait: nothing to expire
// Poll said a connection waits, so accept answers at once; the bound only
// guards against waiting should it have gone meanwhile.
constexpr uint32_t kAcceptWaitMs = 1;

Connection connections[kMaxConnections];

uint32_t served_count() {
    uint32_t served = 0;
    for (const Connection& connection : connections) served += connection.open && !connection.refused ? 1 : 0;
    return served;
}

Connection* free_slot() {
    for (Connection& connection : connections)
        if (!connection.open) return &connection;
    return nullptr;
}

void close_idle(uint64_t now_ns) {
    for (Connection& connection : connections)
        if (connection.open && connection.deadline_ns <= now_ns) close_connection(connection);
}

// Milliseconds until the earliest idle deadline (at least 1), or no limit.
uint32_t poll_timeout_ms(uint64_t now_ns) {
    uint64_t earliest = 0;
    for (const Connection& connection : connections)
        if (connection.open && (earliest == 0 || connection.deadline_ns < earliest)) earliest = connection.deadline_ns;
    if (earliest == 0) return kNoDeadlineMs;
    const uint64_t wait_ms = (earliest - now_ns + kNanosPerMilli - 1) / kNanosPerMilli;
    return wait_ms == 0 ? 1 : static_cast<uint32_t>(wait_ms);
}

sys::Result<void, ServeError> accept_connection(uint32_t listener, uint64_t now_ns) {
    Connection* slot = free_slot();
    if (slot == nullptr) return {};
    auto accepted = sys::inet::accept(listener, kAcceptWaitMs);
    if (accepted.is_error()) {
        if (accepted.error() == neurath::Error::Timeout) return {};  // it went away before it was taken
        return ServeError{accepted.error(), "accept"};
    }
    open_connection(*slot, accepted.value().socket, served_count() >= kMaxServed, now_ns);
    return {};
}

}  // namespace

sys::Result<void, ServeError> serve(uint32_t listener) {
    for (;;) {
        uint64_t now_ns = sys::uptime_ns();
        close_idle(now_ns);
        pi::PollItem items[kMaxConnections + 1];
        Connection* owners[kMaxConnections + 1] = {};
        uint32_t count = 0;
        for (Connection& connection : connections) {
            if (!connection.open) continue;
            owners[count] = &connection;
            items[count++] = {connection.socket, wanted_events(connection), 0};
        }
        const bool accepting = count < kMaxConnections;
        if (accepting) items[count++] = {listener, pi::kReadable, 0};
        auto polled = sys::inet::poll(items, count, poll_timeout_ms(now_ns));
        if (polled.is_error()) return ServeError{polled.error(), "poll"};
        now_ns = sys::uptime_ns();
        for (uint32_t i = 0; i < count; ++i)
            if (owners[i] != nullptr && items[i].ready != 0) step_connection(*owners[i], items[i].ready, now_ns);
        if (accepting && items[count - 1].ready != 0) {
            auto accepted = accept_connection(listener, now_ns);
            if (accepted.is_error()) return accepted.error();
        }
    }
}

}  // namespace httpd
