// ipc.h — synchronous rendezvous message passing, notifications and
// kernel-originated messages.
//
// Entry points: ipc_send (Send and SendReceive), ipc_send_nonblocking
// (SendNonBlocking: replies), ipc_receive, ipc_notify,
// notify_from_kernel (IRQs), post_kernel_message (exit/fault reports),
// ipc_on_death (wake everyone waiting on a dying process), ipc_retry_receive.
// Rules: the kernel fills Message.source; a receiver takes, in order, queued
// kernel messages (when receiving from kAny or kKernel), pending
// notifications, then blocked senders in arrival order. A send that would
// close a cycle of waiting processes fails with -Deadlock and is logged.
// A process may always send to a process waiting in SendReceive for its reply.
// The delivery decisions themselves are in delivery_rules.h.
#pragma once

#include <neurath/message.h>

#include "proc/process.h"
#include "syscalls/syscall.h"

namespace kernel {

// A Message-sized buffer in the caller's memory, validated for writing by
// the decoder; alias is its direct-map alias (nullptr when it spans pages).
struct MessageBuffer {
    uint64_t address = 0;
    uint8_t* alias = nullptr;
};

// The message to send is already in caller.outgoing (decoded there).
// reply: where SendReceive's reply goes; empty for Send.
SyscallResult ipc_send(Process& caller, Endpoint destination, bool then_receive, MessageBuffer reply);
// The message in caller.outgoing goes to `destination` only if it is waiting
// for the caller now; otherwise -NotReceiving. Never blocks the caller.
SyscallResult ipc_send_nonblocking(Process& caller, Endpoint destination);
SyscallResult ipc_receive(Process& caller, Endpoint source, MessageBuffer buffer);
SyscallResult ipc_notify(Process& caller, Endpoint destination, uint32_t tag);

void notify_from_kernel(Process& target, uint32_t tag);
// The process's alarm fired: a Receive from one given process ends with
// -Timeout; otherwise the alarm is a kernel notification (kAlarmTag).
void ipc_alarm(Process& target);
void post_kernel_message(Endpoint destination, const neurath::Message& message);
void ipc_on_death(Process& dead);
// A process blocked in Receive whose pending work changed (endpoint swap):
// deliver at once if something now matches.
void ipc_retry_receive(Process& process);

bool may_send_to(const Process& sender, Endpoint destination);

}  // namespace kernel
