// send_nonblocking.cpp — Sys::SendNonBlocking(Endpoint destination, const
// Message* message): deliver the message if the destination is waiting for
// the caller right now, else fail at once with -NotReceiving.
//
// Entry point: sys_send_nonblocking. Servers send every reply this way, so a
// client that does not wait for its answer can never hold a server up.
#include "ipc/ipc.h"
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_send_nonblocking(Process& caller, const SyscallArgs& args) {
    Endpoint destination = TRY(decode_outgoing_send(caller, args));
    return ipc_send_nonblocking(caller, destination);
}

}  // namespace kernel
