// handlers.h — one kernel-call handler per file in kernel/syscalls/, listed
// here for the registry (registry.cpp), plus small decode helpers they share.
//
// Entry points: sys_<call>(caller, args) for every neurath::Sys value,
// decode_endpoint(raw), decode_message_buffer(caller, address, access),
// load_outgoing(caller, buffer), decode_outgoing_send(caller, args).
#pragma once

#include "core/result.h"
#include "core/string.h"
#include "ipc/ipc.h"
#include "memory/user_memory.h"
#include "syscalls/syscall.h"

namespace kernel {

SyscallResult sys_send(Process& caller, const SyscallArgs& args);
SyscallResult sys_receive(Process& caller, const SyscallArgs& args);
SyscallResult sys_send_receive(Process& caller, const SyscallArgs& args);
SyscallResult sys_notify(Process& caller, const SyscallArgs& args);
SyscallResult sys_exit(Process& caller, const SyscallArgs& args);
SyscallResult sys_yield(Process& caller, const SyscallArgs& args);
SyscallResult sys_map_anonymous(Process& caller, const SyscallArgs& args);
SyscallResult sys_uptime(Process& caller, const SyscallArgs& args);
SyscallResult sys_idle_cycles(Process& caller, const SyscallArgs& args);
SyscallResult sys_debug_write(Process& caller, const SyscallArgs& args);
SyscallResult sys_self_info(Process& caller, const SyscallArgs& args);
SyscallResult sys_grant_create(Process& caller, const SyscallArgs& args);
SyscallResult sys_grant_revoke(Process& caller, const SyscallArgs& args);
SyscallResult sys_safe_copy_from(Process& caller, const SyscallArgs& args);
SyscallResult sys_safe_copy_to(Process& caller, const SyscallArgs& args);
SyscallResult sys_proc_spawn(Process& caller, const SyscallArgs& args);
SyscallResult sys_proc_kill(Process& caller, const SyscallArgs& args);
SyscallResult sys_proc_list(Process& caller, const SyscallArgs& args);
SyscallResult sys_module_info(Process& caller, const SyscallArgs& args);
SyscallResult sys_module_read(Process& caller, const SyscallArgs& args);
SyscallResult sys_io_port_enable(Process& caller, const SyscallArgs& args);
SyscallResult sys_irq_subscribe(Process& caller, const SyscallArgs& args);
SyscallResult sys_shutdown(Process& caller, const SyscallArgs& args);
SyscallResult sys_proc_swap_endpoints(Process& caller, const SyscallArgs& args);
SyscallResult sys_proc_memory_read(Process& caller, const SyscallArgs& args);
SyscallResult sys_proc_memory_write(Process& caller, const SyscallArgs& args);
SyscallResult sys_set_alarm(Process& caller, const SyscallArgs& args);
SyscallResult sys_send_nonblocking(Process& caller, const SyscallArgs& args);
SyscallResult sys_dma_alloc(Process& caller, const SyscallArgs& args);
SyscallResult sys_unmap(Process& caller, const SyscallArgs& args);
SyscallResult sys_dma_inherit(Process& caller, const SyscallArgs& args);

// An endpoint argument: the register must hold a sign-extended 32-bit value.
inline Result<Endpoint> decode_endpoint(uint64_t raw) {
    auto value = static_cast<int64_t>(raw);
    if (value < INT32_MIN || value > INT32_MAX) return Error::InvalidArgument;
    return static_cast<Endpoint>(value);
}

// A Message buffer argument, validated for `access` (Write also covers
// reading) with one page walk when it lies in one page.
inline Result<MessageBuffer> decode_message_buffer(const Process& caller, uint64_t address, Access access) {
    uint8_t* alias = TRY(user_object_alias(caller.space, address, sizeof(neurath::Message), access));
    return MessageBuffer{address, alias};
}

// Copies the caller's message (validated by decode_message_buffer) into
// caller.outgoing, the kernel's copy taken at call time.
inline Result<void> load_outgoing(Process& caller, const MessageBuffer& buffer) {
    if (buffer.alias != nullptr) {
        __builtin_memcpy(&caller.outgoing, buffer.alias, sizeof(neurath::Message));  // inlined: a fixed 64 bytes
        return {};
    }
    return copy_from_user(caller.space, &caller.outgoing, buffer.address, sizeof(neurath::Message));
}

// The arguments of Send and SendNonBlocking (Endpoint destination, const
// Message* message): validates both and copies the message into
// caller.outgoing; returns the destination.
inline Result<Endpoint> decode_outgoing_send(Process& caller, const SyscallArgs& args) {
    Endpoint destination = TRY(decode_endpoint(args.arg[0]));
    MessageBuffer message = TRY(decode_message_buffer(caller, args.arg[1], Access::Read));
    TRY(load_outgoing(caller, message));
    return destination;
}

}  // namespace kernel
