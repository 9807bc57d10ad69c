// send_receive.cpp — Sys::SendReceive(Endpoint destination, Message* message):
// send the message, then wait for the destination's reply in the same buffer.
//
// Entry point: sys_send_receive.
// The buffer is validated once, for writing (which covers reading the
// request), and its alias is kept for the reply.
#include "ipc/ipc.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

struct SendReceiveRequest {
    Endpoint destination;
    MessageBuffer reply_buffer;
};

// Validates the arguments and copies the request into caller.outgoing.
Result<SendReceiveRequest> decode_send_receive(Process& caller, const SyscallArgs& args) {
    SendReceiveRequest request;
    request.destination = TRY(decode_endpoint(args.arg[0]));
    request.reply_buffer = TRY(decode_message_buffer(caller, args.arg[1], Access::Write));
    TRY(load_outgoing(caller, request.reply_buffer));
    return request;
}

}  // namespace

SyscallResult sys_send_receive(Process& caller, const SyscallArgs& args) {
    SendReceiveRequest request = TRY(decode_send_receive(caller, args));
    return ipc_send(caller, request.destination, true, request.reply_buffer);
}

}  // namespace kernel
