// server.cpp — the out-of-line parts of the server framework (server.h):
// the quiescent receive, admission of held messages and (deferred) replies. Fault injection and start
// failure are in server_faults.cpp.
#include <sys/admission.h>
#include <sys/cstring.h>
#include <sys/server.h>

namespace sys {

__attribute__((noinline)) Result<void> quiescent_receive(Message& message) {
    if (admission_queue().take_admitted(message)) return {};
    return receive(neurath::kAny, message);
}

Result<void> next_request(Message& message) {
    AdmissionQueue& queue = admission_queue();
    const size_t held_before = queue.size();
    TRY(quiescent_receive(message));
    if (queue.size() < held_before) return {};  // it was a held message, admitted now
    if (admission_of(message) == Admission::Deliver) return {};
    if (hold_or_refuse(message)) return Error::WouldBlock;
    return {};  // a kernel message with the queue full: never lose exit/fault reports
}

bool hold_or_refuse(const Message& message) {
    if (admission_queue().hold(message)) return true;
    if (message.source == neurath::kKernel) return false;
    (void)send_error_reply(message.source, Error::Busy);
    return true;
}

// Never waits for the client: a client that is not waiting for its answer
// (it sent with Send or Notify, or asked again elsewhere) loses it, and the
// server goes on with its next request.
Result<void> send_reply(Endpoint client, Message& reply) {
    if (client == neurath::kKernel || client < 0) return Error::InvalidArgument;
    return send_nonblocking(client, reply);
}

Result<void> send_error_reply(Endpoint client, Error error) {
    Message reply;
    str::memset(&reply, 0, sizeof reply);
    reply.type = protocol::reply_type_for(error);
    return send_reply(client, reply);
}

}  // namespace sys
