// send.cpp — Sys::Send(Endpoint destination, const Message* message):
// block until the destination receives the message.
//
// Entry point: sys_send.
#include "ipc/ipc.h"
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_send(Process& caller, const SyscallArgs& args) {
    Endpoint destination = TRY(decode_outgoing_send(caller, args));
    return ipc_send(caller, destination, false, MessageBuffer{});
}

}  // namespace kernel
