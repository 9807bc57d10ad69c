// send.cpp — Sys::Send(Endpoint destination, const Message* message):
// block until the destination receives the message.
//
// Entry point: sys_send.
#include "ipc/ipc.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

// Validates the arguments and copies the message into caller.outgoing.
Result<Endpoint> decode_send(Process& caller, const SyscallArgs& args) {
    Endpoint destination = TRY(decode_endpoint(args.arg[0]));
    MessageBuffer message = TRY(decode_message_buffer(caller, args.arg[1], Access::Read));
    TRY(load_outgoing(caller, message));
    return destination;
}

}  // namespace

SyscallResult sys_send(Process& caller, const SyscallArgs& args) {
    Endpoint destination = TRY(decode_send(caller, args));
    return ipc_send(caller, destination, false, MessageBuffer{});
}

}  // namespace kernel
