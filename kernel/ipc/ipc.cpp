// ipc.cpp — rendezvous IPC between processes (see ipc.h for the rules).
//
// Entry points: ipc_send, ipc_send_nonblocking, ipc_receive, ipc_notify,
// notify_from_kernel, ipc_alarm, post_kernel_message, ipc_on_death,
// ipc_retry_receive, may_send_to.
#include "ipc/ipc.h"

#include "core/log.h"
#include "core/string.h"
#include "ipc/delivery_rules.h"
#include "ipc/wait_graph.h"
#include "memory/user_memory.h"
#include "proc/scheduler.h"

namespace kernel {
namespace {

using neurath::kAny;
using neurath::kKernel;
using neurath::Message;

void enqueue_sender(Process& target, Process& sender) {
    sender.next_sender = nullptr;
    if (target.senders_tail != nullptr) target.senders_tail->next_sender = &sender;
    else target.senders_head = &sender;
    target.senders_tail = &sender;
}

void remove_sender(Process& target, Process& sender) {
    Process* previous = nullptr;
    for (Process* cursor = target.senders_head; cursor != nullptr; previous = cursor, cursor = cursor->next_sender) {
        if (cursor != &sender) continue;
        if (previous != nullptr) previous->next_sender = cursor->next_sender;
        else target.senders_head = cursor->next_sender;
        if (target.senders_tail == cursor) target.senders_tail = previous;
        break;
    }
    sender.next_sender = nullptr;
}

bool is_receiving(const Process& p) { return p.run_state == RunState::Blocked && p.wait == IpcWait::Receiving; }

ReceiveWait receive_wait_of(const Process& p) {
    return ReceiveWait{is_receiving(p), p.send_then_receive, p.receive_source};
}

bool takes_message_from(const Process& receiver, Endpoint source) {
    return accepts_message_from(receive_wait_of(receiver), source);
}

bool takes_unsolicited_from(const Process& receiver, Endpoint source) {
    return accepts_unsolicited_from(receive_wait_of(receiver), source);
}

// Copies `message` (with its source filled in) into the receiver's buffer and
// wakes it. The buffer was validated when the receiver blocked; its alias
// stays valid while the receiver lives (see user_object_alias).
void deliver(Process& receiver, const Message& message, Endpoint source) {
    if (receiver.receive_alias != nullptr) {
        __builtin_memcpy(receiver.receive_alias, &message, sizeof message);  // inlined: a fixed 64 bytes
        __builtin_memcpy(receiver.receive_alias + offsetof(Message, source), &source, sizeof source);
        complete_call(receiver, 0);
        return;
    }
    Message copy = message;
    copy.source = source;
    Result<void> copied = copy_to_user(receiver.space, receiver.receive_buffer, &copy, sizeof copy);
    complete_call(receiver, copied.ok() ? 0 : neurath::error_return(copied.error()));
}

void set_receive_buffer(Process& process, MessageBuffer buffer) {
    process.receive_buffer = buffer.address;
    process.receive_alias = buffer.alias;
}

Message notification_message(uint64_t bits) {
    Message message{};
    message.type = neurath::kmsg::kNotify;
    neurath::payload_of<neurath::NotifyPayload>(message).pending_bits = bits;
    return message;
}

// After a receiver took sender's message: Send is done, SendReceive waits for the reply.
void finish_send(Process& sender, Endpoint receiver) {
    if (!sender.send_then_receive) {
        complete_call(sender, 0);
        return;
    }
    sender.wait = IpcWait::Receiving;
    sender.receive_source = receiver;
    if (sender.run_state != RunState::Blocked) scheduler_block(sender);
}

Endpoint waits_for(Endpoint endpoint) {
    Result<Process*> live = live_process(endpoint);
    if (live.is_error()) return neurath::kNone;
    const Process* p = live.value();
    if (p->run_state != RunState::Blocked) return neurath::kNone;
    if (p->wait == IpcWait::Sending) return p->send_target;
    if (p->wait == IpcWait::Receiving && p->receive_source != kAny && p->receive_source != kKernel) {
        return p->receive_source;
    }
    return neurath::kNone;
}

Result<void> refuse_deadlock(const Process& caller, Endpoint destination) {
    Endpoint path[8];
    size_t length = find_wait_cycle(caller.endpoint, destination, waits_for, path, 8);
    if (length == 0) return {};
    log("ipc: deadlock refused: ");
    for (size_t i = 0; i < length; ++i) log("%s(%d) -> ", endpoint_table().name_of(path[i]), path[i]);
    log("%s(%d)\n", caller.name, caller.endpoint);
    return Error::Deadlock;
}

bool take_kernel_message(Process& receiver, Endpoint source, Message& out) {
    if (source != kAny && source != kKernel) return false;
    if (!receiver.kernel_messages.pop(out)) return false;
    return true;
}

bool take_notification(Process& receiver, Endpoint source, Message& out, Endpoint& from) {
    uint64_t bits = 0;
    if (source == kAny) {
        bits = receiver.notifications.take_any(from);
    } else {
        bits = receiver.notifications.take(source);
        from = source;
    }
    if (bits == 0) return false;
    out = notification_message(bits);
    return true;
}

Process* take_sender(Process& receiver, Endpoint source) {
    for (Process* sender = receiver.senders_head; sender != nullptr; sender = sender->next_sender) {
        if (source != kAny && sender->endpoint != source) continue;
        remove_sender(receiver, *sender);
        return sender;
    }
    return nullptr;
}

// Tries to satisfy a receive immediately; true when a message was delivered.
bool receive_now(Process& caller, Endpoint source) {
    Message message;
    Endpoint from = kKernel;
    if (take_kernel_message(caller, source, message)) {
        deliver(caller, message, kKernel);
        return true;
    }
    if (take_notification(caller, source, message, from)) {
        deliver(caller, message, from);
        return true;
    }
    Process* sender = take_sender(caller, source);
    if (sender == nullptr) return false;
    deliver(caller, sender->outgoing, sender->endpoint);
    finish_send(*sender, caller.endpoint);
    return true;
}

}  // namespace

bool may_send_to(const Process& sender, Endpoint destination) {
    if (destination < 0 || destination >= neurath::kMaxEndpoints) return false;
    return (sender.privileges.send_mask[destination / 64] >> (destination % 64)) & 1;
}

SyscallResult ipc_send(Process& caller, Endpoint destination, bool then_receive, MessageBuffer reply) {
    Process* target = TRY(live_process(destination));
    TRY(check_send_allowed(may_send_to(caller, destination), receive_wait_of(*target), caller.endpoint));
    bool deliver_now = takes_message_from(*target, caller.endpoint);
    if (!deliver_now) TRY(refuse_deadlock(caller, destination));
    caller.send_then_receive = then_receive;
    set_receive_buffer(caller, reply);
    if (deliver_now) {
        deliver(*target, caller.outgoing, caller.endpoint);
        if (!then_receive) return done(0);
        finish_send(caller, destination);  // now waiting for the reply
        return CallOutcome::deferred();
    }
    caller.wait = IpcWait::Sending;
    caller.send_target = destination;
    enqueue_sender(*target, caller);
    scheduler_block(caller);
    return CallOutcome::deferred();
}

SyscallResult ipc_send_nonblocking(Process& caller, Endpoint destination) {
    Process* target = TRY(live_process(destination));
    const ReceiveWait wait = receive_wait_of(*target);
    TRY(check_send_allowed(may_send_to(caller, destination), wait, caller.endpoint));
    TRY(check_deliverable_now(wait, caller.endpoint));
    deliver(*target, caller.outgoing, caller.endpoint);
    return done(0);
}

SyscallResult ipc_receive(Process& caller, Endpoint source, MessageBuffer buffer) {
    if (source != kAny && source != kKernel) TRY(live_process(source));
    set_receive_buffer(caller, buffer);
    caller.send_then_receive = false;
    caller.wait = IpcWait::Receiving;
    caller.receive_source = source;
    scheduler_block(caller);
    receive_now(caller, source);  // when it delivers, complete_call() already set rax and woke the caller
    return CallOutcome::deferred();
}

SyscallResult ipc_notify(Process& caller, Endpoint destination, uint32_t tag) {
    if (tag >= 64) return Error::InvalidArgument;
    Process* target = TRY(live_process(destination));
    if (!may_send_to(caller, destination)) return Error::PermissionDenied;
    target->notifications.raise(caller.endpoint, tag);
    if (takes_unsolicited_from(*target, caller.endpoint)) {
        deliver(*target, notification_message(target->notifications.take(caller.endpoint)), caller.endpoint);
    }
    return done(0);
}

void notify_from_kernel(Process& target, uint32_t tag) {
    target.notifications.raise(kKernel, tag);
    if (takes_unsolicited_from(target, kKernel)) {
        deliver(target, notification_message(target.notifications.take(kKernel)), kKernel);
    }
}

void ipc_alarm(Process& target) {
    const bool waits_on_one_process = is_receiving(target) && !target.send_then_receive &&
                                      target.receive_source != kAny && target.receive_source != kKernel;
    if (waits_on_one_process) {
        complete_call(target, neurath::error_return(Error::Timeout));
        return;
    }
    notify_from_kernel(target, neurath::kAlarmTag);
}

void post_kernel_message(Endpoint destination, const Message& message) {
    Result<Process*> live = live_process(destination);
    if (live.is_error()) {
        log("ipc: kernel message type %d for endpoint %d dropped (no process)\n", message.type, destination);
        return;
    }
    Process* target = live.value();
    if (takes_unsolicited_from(*target, kKernel)) {
        deliver(*target, message, kKernel);
        return;
    }
    if (!target->kernel_messages.push(message)) {
        log("ipc: kernel message queue of %s(%d) full, type %d dropped\n", target->name, destination, message.type);
    }
}

void ipc_retry_receive(Process& process) {
    if (is_receiving(process) && !process.send_then_receive) receive_now(process, process.receive_source);
}

void ipc_on_death(Process& dead) {
    if (dead.run_state == RunState::Blocked && dead.wait == IpcWait::Sending) {
        Result<Process*> target = live_process(dead.send_target);
        if (target.ok()) remove_sender(*target.value(), dead);
    }
    while (Process* sender = dead.senders_head) {
        remove_sender(dead, *sender);
        complete_call(*sender, neurath::error_return(Error::DeadEndpoint));
    }
    for (int32_t slot = 0; slot < kMaxProcesses; ++slot) {
        Process* p = process_table_slot(slot);
        if (p == nullptr || p == &dead) continue;
        if (is_receiving(*p) && p->receive_source == dead.endpoint) {
            complete_call(*p, neurath::error_return(Error::DeadEndpoint));
        }
    }
    dead.wait = IpcWait::None;
}

}  // namespace kernel
