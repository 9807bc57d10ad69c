// registry.cpp — the one table of kernel calls, the dispatcher that
// enforces privileges, and the syscall MSR setup.
//
// Entry points: syscall_entry_for, syscall_dispatch, syscall_init,
// complete_call.
#include "arch/cpu.h"
#include "arch/trap_frame.h"
#include "arch/user_frame.h"
#include "core/log.h"
#include "proc/scheduler.h"
#include "syscalls/handlers.h"
#include "syscalls/syscall.h"

extern "C" void syscall_entry();

namespace kernel {
namespace {

using neurath::Sys;

constexpr size_t kTableSize = static_cast<size_t>(Sys::Count);

struct Registry {
    SyscallEntry entries[kTableSize] = {};
    constexpr void add(Sys number, const char* name, SyscallHandler handler, bool privileged) {
        entries[static_cast<size_t>(number)] = SyscallEntry{name, handler, privileged};
    }
};

constexpr Registry build_registry() {
    Registry r;
    r.add(Sys::Send, "send", sys_send, false);
    r.add(Sys::Receive, "receive", sys_receive, false);
    r.add(Sys::SendReceive, "send_receive", sys_send_receive, false);
    r.add(Sys::Notify, "notify", sys_notify, false);
    r.add(Sys::Exit, "exit", sys_exit, false);
    r.add(Sys::Yield, "yield", sys_yield, false);
    r.add(Sys::MapAnonymous, "map_anonymous", sys_map_anonymous, false);
    r.add(Sys::Uptime, "uptime", sys_uptime, false);
    r.add(Sys::DebugWrite, "debug_write", sys_debug_write, false);
    r.add(Sys::SelfInfo, "self_info", sys_self_info, false);
    r.add(Sys::GrantCreate, "grant_create", sys_grant_create, false);
    r.add(Sys::GrantRevoke, "grant_revoke", sys_grant_revoke, false);
    r.add(Sys::SafeCopyFrom, "safe_copy_from", sys_safe_copy_from, false);
    r.add(Sys::SafeCopyTo, "safe_copy_to", sys_safe_copy_to, false);
    r.add(Sys::ProcSpawn, "proc_spawn", sys_proc_spawn, true);
    r.add(Sys::ProcKill, "proc_kill", sys_proc_kill, true);
    r.add(Sys::ProcList, "proc_list", sys_proc_list, true);
    r.add(Sys::ModuleInfo, "module_info", sys_module_info, true);
    r.add(Sys::ModuleRead, "module_read", sys_module_read, true);
    r.add(Sys::IoPortEnable, "io_port_enable", sys_io_port_enable, true);
    r.add(Sys::IrqSubscribe, "irq_subscribe", sys_irq_subscribe, true);
    r.add(Sys::Shutdown, "shutdown", sys_shutdown, true);
    r.add(Sys::ProcSwapEndpoints, "proc_swap_endpoints", sys_proc_swap_endpoints, true);
    r.add(Sys::ProcMemoryRead, "proc_memory_read", sys_proc_memory_read, false);  // scoped by state source
    r.add(Sys::ProcMemoryWrite, "proc_memory_write", sys_proc_memory_write, true);
    r.add(Sys::SetAlarm, "set_alarm", sys_set_alarm, false);
    r.add(Sys::SendNonBlocking, "send_nonblocking", sys_send_nonblocking, false);
    r.add(Sys::DmaAlloc, "dma_alloc", sys_dma_alloc, true);
    r.add(Sys::Unmap, "unmap", sys_unmap, false);
    r.add(Sys::DmaInherit, "dma_inherit", sys_dma_inherit, false);  // scoped by state source
    r.add(Sys::IdleCycles, "idle_cycles", sys_idle_cycles, false);
    return r;
}

constexpr Registry registry = build_registry();

bool has_privilege(const Process& caller, uint64_t number) { return (caller.privileges.kernel_calls >> number) & 1; }

SyscallResult invoke(Process& caller, uint64_t number, const SyscallArgs& args) {
    const SyscallEntry* entry = syscall_entry_for(number);
    if (entry == nullptr) return Error::NotSupported;
    if (entry->privileged && !has_privilege(caller, number)) return Error::PermissionDenied;
    return entry->handler(caller, args);
}

}  // namespace

const SyscallEntry* syscall_entry_for(uint64_t number) {
    if (number >= kTableSize || registry.entries[number].handler == nullptr) return nullptr;
    return &registry.entries[number];
}

void syscall_dispatch(Process& caller) {
    TrapFrame& frame = caller.frame;
    SyscallArgs args{{frame.rdi, frame.rsi, frame.rdx, frame.r10, frame.r8, frame.r9}};
    SyscallResult result = invoke(caller, frame.rax, args);
    if (result.is_error()) {
        frame.rax = static_cast<uint64_t>(neurath::error_return(result.error()));
    } else if (!result.value().is_deferred()) {
        frame.rax = static_cast<uint64_t>(result.value().result());
    }
}

void complete_call(Process& process, int64_t value) {
    process.frame.rax = static_cast<uint64_t>(value);
    process.wait = IpcWait::None;
    process.send_then_receive = false;
    scheduler_make_ready(process);
}

void syscall_init() {
    cpu::write_msr(cpu::kMsrEfer, cpu::read_msr(cpu::kMsrEfer) | 1);  // SCE
    // sysret bases (unused: the kernel returns with iretq) and syscall CS/SS.
    cpu::write_msr(cpu::kMsrStar, (uint64_t{kKernelData | 3} << 48) | (uint64_t{kKernelCode} << 32));
    cpu::write_msr(cpu::kMsrLstar, reinterpret_cast<uint64_t>(&syscall_entry));
    // Every flag cleared on entry (NT, AC, DF, TF, IF, IOPL...; see arch/user_frame.h).
    cpu::write_msr(cpu::kMsrSfmask, kSyscallFlagMask);
}

}  // namespace kernel
