// send_receive.cpp — Sys::SendReceive(Endpoint destination, Message* message):
// send the message, then wait for the destination's reply in the same buffer.
//
// Entry point: sys_send_receive.
#include "ipc/ipc.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

struct SendReceiveRequest {
    Endpoint destination;
    neurath::Message message;
    uint64_t reply_buffer;
};

Result<SendReceiveRequest> decode_send_receive(const Process& caller, const SyscallArgs& args) {
    SendReceiveRequest request;
    request.destination = TRY(decode_endpoint(args.arg[0]));
    request.message = TRY(decode_message(caller, args.arg[1]));
    TRY(check_user_range(caller.space, args.arg[1], sizeof(neurath::Message), Access::Write));
    request.reply_buffer = args.arg[1];
    return request;
}

}  // namespace

SyscallResult sys_send_receive(Process& caller, const SyscallArgs& args) {
    SendReceiveRequest request = TRY(decode_send_receive(caller, args));
    return ipc_send(caller, request.destination, request.message, true, request.reply_buffer);
}

}  // namespace kernel
