// shutdown.cpp — Sys::Shutdown(int32_t code): stop the machine, reporting
// `code` to QEMU's isa-debug-exit (exit status (code << 1) | 1), after the
// frame-leak check (proc/memory_audit.h) has returned every process's memory.
//
// Entry point: sys_shutdown.
#include "core/log.h"
#include "proc/memory_audit.h"
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_shutdown(Process& caller, const SyscallArgs& args) {
    auto code = static_cast<int32_t>(args.arg[0]);
    log("kernel: shutdown requested by %s (endpoint %d), code %d\n", caller.name, caller.endpoint, code);
    memory_audit_at_poweroff();
    machine_exit(code);
}

}  // namespace kernel
