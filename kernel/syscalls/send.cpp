// send.cpp — Sys::Send(Endpoint destination, const Message* message):
// block until the destination receives the message.
//
// Entry point: sys_send.
#include "ipc/ipc.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

struct SendRequest {
    Endpoint destination;
    neurath::Message message;
};

Result<SendRequest> decode_send(const Process& caller, const SyscallArgs& args) {
    SendRequest request;
    request.destination = TRY(decode_endpoint(args.arg[0]));
    request.message = TRY(decode_message(caller, args.arg[1]));
    return request;
}

}  // namespace

SyscallResult sys_send(Process& caller, const SyscallArgs& args) {
    SendRequest request = TRY(decode_send(caller, args));
    return ipc_send(caller, request.destination, request.message, false, 0);
}

}  // namespace kernel
