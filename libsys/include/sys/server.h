// server.h — the server framework every system server is built on.
//
// The framework owns the event loop: sys::run_server() calls the lifecycle
// hook that matches how the server was started (fresh, restarted by rs after
// a crash, or — reserved — started as the new version of a live update),
// then loops forever on sys::quiescent_receive(), the single place a server
// waits for work (the quiescent point live update parks servers at), and
// dispatches each message through a DispatchTable indexed by message type.
// Messages an installed admission gate holds back wait in a queue and are
// handled, in order, once admitted (admission.h). Live update's requests
// (protocol/update.h, from rs only) go to the update agent (update_agent.h);
// a server started as the new version of an update gets its state from the
// old version before its `update` hook runs.
//
// Handlers receive the server state and the request explicitly and fill a
// reply; they return what the framework should do next:
//   Disposition::Reply    send `reply` now (type = kReplyOk unless set < 0)
//   Disposition::Deferred keep the request pending; answer later with
//                         sys::send_reply / sys::send_error_reply
//   Disposition::NoReply  nothing to send (kernel messages, notifications)
// A handler error is answered with the error as reply status. Unknown request
// types get Error::BadMessage; a route restricted to one source answers
// others with Error::PermissionDenied; kernel-generated messages are never
// answered. Every answer is sent with sys::send_reply, which never waits for
// the client, so no client can hold a server up: not one that never receives
// its reply, nor a user's notification (answered with an error the notifier
// loses unless it happens to be receiving).
// Common requests (protocol::common) are handled here: kPing, and
// kCrashInject which, only when sent by rs, crashes the server with a null
// dereference so supervisor restarts can be tested for real.
#pragma once

#include <neurath/endpoint.h>
#include <protocol/common.h>
#include <protocol/update.h>
#include <sys/kcall.h>
#include <sys/update_agent.h>

namespace sys {

enum class StartKind { Fresh, Restart, Update };

struct StartInfo {
    StartKind kind;
    uint32_t restarts;   // how many times rs restarted this service before
    int argc;
    char** argv;
};

// rs starts a service with argv = { name } (fresh) or
// { name, "--restart", "<count>" } after a crash, or { name, "--update",
// "<old version's endpoint>" } (libsys_start picks the heap bank from it).
StartInfo parse_start_info(int argc, char** argv);

enum class Disposition { Reply, Deferred, NoReply };

template <typename State>
using Handler = Result<Disposition> (*)(State& state, const Message& request, Message& reply);

template <typename State>
struct Route {
    Handler<State> handler = nullptr;
    Endpoint only_from = neurath::kAny;
};

// Routes for one server: its protocol range (first_type .. first_type+kSlots)
// plus the three kernel message types.
template <typename State>
class DispatchTable {
public:
    static constexpr int32_t kSlots = 32;
    static constexpr int32_t kKernelSlots = 4;

    constexpr explicit DispatchTable(int32_t first_type) : first_type_(first_type) {}

    // Registers a handler; a type outside the range marks the table invalid
    // (run_server refuses to start with an invalid table).
    constexpr DispatchTable& on(int32_t type, Handler<State> handler, Endpoint only_from = neurath::kAny) {
        if (type >= first_type_ && type < first_type_ + kSlots)
            requests_[type - first_type_] = Route<State>{handler, only_from};
        else if (type > 0 && type < kKernelSlots)
            kernel_[type] = Route<State>{handler, neurath::kKernel};
        else
            valid_ = false;
        return *this;
    }

    constexpr const Route<State>* find(int32_t type) const {
        const Route<State>* route = nullptr;
        if (type >= first_type_ && type < first_type_ + kSlots) route = &requests_[type - first_type_];
        else if (type > 0 && type < kKernelSlots) route = &kernel_[type];
        return (route && route->handler) ? route : nullptr;
    }
    constexpr bool valid() const { return valid_; }

    // Notifications (kmsg::kNotify) come from the kernel; a server that
    // also takes them from one peer (inet: netdrv's frame notifications)
    // names it here, and its kNotify handler sees both (by request.source).
    constexpr DispatchTable& accept_notifications_from(Endpoint peer) {
        notify_peer_ = peer;
        return *this;
    }
    constexpr bool accepts_notification(const Message& message) const {
        return message.type == neurath::kmsg::kNotify && notify_peer_ != neurath::kNone &&
               message.source == notify_peer_;
    }

private:
    int32_t first_type_;
    bool valid_ = true;
    Endpoint notify_peer_ = neurath::kNone;
    Route<State> requests_[kSlots] = {};
    Route<State> kernel_[kKernelSlots] = {};
};

// Crashes the calling process with a null dereference (fault injection).
[[noreturn]] void inject_crash();

// Outcome of handling one message: whether to send `reply` back to the source.
enum class Outcome { SendReply, NoReply };

// Handles one message: framework requests, then the table. Pure apart from
// the handler's own effects, so host tests can drive it.
template <typename State>
Outcome dispatch(const DispatchTable<State>& table, State& state, const Message& request, Message& reply) {
    reply.source = neurath::kNone;
    reply.type = protocol::kReplyOk;
    for (auto& byte : reply.payload) byte = 0;
    const bool from_kernel = request.source == neurath::kKernel;

    if (request.type == protocol::common::kPing) return Outcome::SendReply;
    if (request.source == neurath::kRs) {
        bool answer = false;
        if (update_agent_dispatch(request, reply, answer)) return answer ? Outcome::SendReply : Outcome::NoReply;
    } else if (request.type == protocol::update::kPrepare) {
        reply.type = protocol::reply_type_for(Error::PermissionDenied);
        return Outcome::SendReply;
    }
    if (request.type == protocol::common::kCrashInject) {
        if (request.source == neurath::kRs) inject_crash();
        reply.type = protocol::reply_type_for(Error::PermissionDenied);
        return Outcome::SendReply;
    }

    // A reply (status 0 or a negative error) that arrives as a request from
    // another system server answers something this server never asked:
    // answering it in turn could start an endless exchange of errors between
    // two servers. Dropped. (A user program sending one gets BadMessage.)
    const bool from_system_server = request.source > neurath::kKernel && request.source < neurath::kFirstUserEndpoint;
    if (from_system_server && request.type <= protocol::kReplyOk) return Outcome::NoReply;

    const Route<State>* route = table.find(request.type);
    if (route == nullptr) {
        if (from_kernel) return Outcome::NoReply;
        reply.type = protocol::reply_type_for(Error::BadMessage);
        return Outcome::SendReply;
    }
    if (route->only_from != neurath::kAny && route->only_from != request.source && !table.accepts_notification(request)) {
        if (from_kernel) return Outcome::NoReply;
        reply.type = protocol::reply_type_for(Error::PermissionDenied);
        return Outcome::SendReply;
    }

    Result<Disposition> result = route->handler(state, request, reply);
    if (from_kernel || table.accepts_notification(request)) return Outcome::NoReply;
    if (result.is_error()) {
        reply.type = protocol::reply_type_for(result.error());
        return Outcome::SendReply;
    }
    return result.value() == Disposition::Reply ? Outcome::SendReply : Outcome::NoReply;
}

// The quiescent point: the one place every server's event loop waits for
// work. It yields a held message the admission gate now admits (see
// admission.h), else receives a new one. Kept out of line so the pass
// recognises it by name and brackets its calls: a server parked there for an
// update has no request in progress, and once it resumes the messages held
// meanwhile come first, in order.
Result<void> quiescent_receive(Message& message);

// The next message to handle (through quiescent_receive). A newly received
// message the gate holds is queued and WouldBlock is returned (nothing to
// handle); if the queue is full the sender gets Error::Busy (kernel messages
// are never held back when the queue is full).
Result<void> next_request(Message& message);

// Queues a message the server must not handle yet. When the queue is full a
// request is refused with Error::Busy (true either way: nothing left to do);
// false for a kernel message that did not fit, which the caller must handle.
bool hold_or_refuse(const Message& message);

// Answers a request, at once or later (deferred reply), without ever
// blocking the server: the kernel delivers the reply only to a client waiting
// for it (SendReceive), else it fails with Error::NotReceiving and the reply
// is gone. Errors such as a client that died meanwhile are returned, never
// fatal. Every reply and error answer of the framework goes this way.
Result<void> send_reply(Endpoint client, Message& reply);
Result<void> send_error_reply(Endpoint client, Error error);

template <typename State>
struct Lifecycle {
    Result<void> (*fresh_start)(State& state, const StartInfo& info) = nullptr;
    Result<void> (*restart)(State& state, const StartInfo& info) = nullptr;  // nullptr: fresh_start
    // New version of a live update: runs after the state was transferred,
    // before rs commits (an error rolls the update back). nullptr: nothing to do.
    Result<void> (*update)(State& state, const StartInfo& info) = nullptr;
    const libupdate::UpdatePolicy* update_policy = nullptr;  // transfer hooks, invariants
    // New version of a live update, once committed (it owns the endpoint),
    // before it serves: too late to roll back, so it must not fail. rs uses
    // it to finish the bookkeeping of its own update. nullptr: nothing to do.
    void (*committed)(State& state) = nullptr;
};

// Logs with the server's name prefix and exits when initialisation fails.
[[noreturn]] void fail_start(const char* server_name, Error error);

template <typename State>
struct UpdateHookCall {
    Result<void> (*hook)(State& state, const StartInfo& info);
    State* state;
    const StartInfo* info;
    static Result<void> run(void* context) {
        auto* call = static_cast<UpdateHookCall*>(context);
        return call->hook ? call->hook(*call->state, *call->info) : Result<void>{};
    }
};

template <typename State>
Result<void> run_start_hook(State& state, const Lifecycle<State>& lifecycle, const StartInfo& info) {
    if (info.kind == StartKind::Update) {
        UpdateHookCall<State> call{lifecycle.update, &state, &info};
        TRY(update_agent_start(lifecycle.update_policy, UpdateStep{&UpdateHookCall<State>::run, &call}));
        if (lifecycle.committed) lifecycle.committed(state);
        return {};
    }
    auto hook = lifecycle.fresh_start;
    if (info.kind == StartKind::Restart && lifecycle.restart) hook = lifecycle.restart;
    if (hook == nullptr) return {};
    return hook(state, info);
}

// One turn of the event loop: the next message, handled and answered. The
// answer never waits for the client (send_reply), so the next turn comes
// whatever the client does.
template <typename State>
void serve_next(const DispatchTable<State>& table, State& state, Message& request, Message& reply) {
    if (next_request(request).is_error()) return;
    if (dispatch(table, state, request, reply) == Outcome::SendReply) (void)send_reply(request.source, reply);
}

// Runs a server: start hook, then the event loop. Never returns.
template <typename State>
[[noreturn]] void run_server(const char* server_name, State& state, const DispatchTable<State>& table,
                             const Lifecycle<State>& lifecycle, int argc, char** argv) {
    if (!table.valid()) fail_start(server_name, Error::InvalidArgument);
    const StartInfo info = parse_start_info(argc, argv);
    Result<void> started = run_start_hook(state, lifecycle, info);
    if (started.is_error()) fail_start(server_name, started.error());

    Message request;
    Message reply;
    for (;;) serve_next(table, state, request, reply);
}

}  // namespace sys
