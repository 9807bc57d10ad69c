// send_nonblocking.cpp — Sys::SendNonBlocking(Endpoint destination, const
// Message* message): deliver the message if the destination is waiting for
// the caller right now, else fail at once with -NotReceiving.
//
// Entry point: sys_send_nonblocking. Servers send every reply this way, so a
// client that does not wait for its answer can never hold a server up.
#include "ipc/ipc.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

// Validates the arguments and copies the message into caller.outgoing.
Result<Endpoint> decode_send_nonblocking(Process& caller, const SyscallArgs& args) {
    Endpoint destination = TRY(decode_endpoint(args.arg[0]));
    MessageBuffer message = TRY(decode_message_buffer(caller, args.arg[1], Access::Read));
    TRY(load_outgoing(caller, message));
    return destination;
}

}  // namespace

SyscallResult sys_send_nonblocking(Process& caller, const SyscallArgs& args) {
    Endpoint destination = TRY(decode_send_nonblocking(caller, args));
    return ipc_send_nonblocking(caller, destination);
}

}  // namespace kernel
