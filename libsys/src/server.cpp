// server.cpp — the out-of-line parts of the server framework (server.h):
// the quiescent receive, replies, fault injection and start failure.
#include <sys/cstring.h>
#include <sys/server.h>
#include <sys/stdio.h>

namespace sys {

__attribute__((noinline)) Result<void> quiescent_receive(Message& message) {
    return receive(neurath::kAny, message);
}

Result<void> send_reply(Endpoint client, Message& reply) {
    if (client == neurath::kKernel || client < 0) return Error::InvalidArgument;
    return send(client, reply);
}

Result<void> send_error_reply(Endpoint client, Error error) {
    Message reply;
    str::memset(&reply, 0, sizeof reply);
    reply.type = protocol::reply_type_for(error);
    return send_reply(client, reply);
}

void inject_crash() {
    log("server %d: crash injected by rs\n", self_endpoint());
    volatile int* null_pointer = nullptr;
    *null_pointer = 0xDEAD;
    exit(125);
}

void fail_start(const char* server_name, Error error) {
    log("%s: start failed: %s\n", server_name, neurath::error_name(error));
    exit(124);
}

}  // namespace sys
