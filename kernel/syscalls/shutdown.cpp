// shutdown.cpp — Sys::Shutdown(int32_t code): stop the machine, reporting
// `code` to QEMU's isa-debug-exit (exit status (code << 1) | 1).
//
// Entry point: sys_shutdown.
#include "core/log.h"
#include "memory/physical_memory.h"
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_shutdown(Process& caller, const SyscallArgs& args) {
    auto code = static_cast<int32_t>(args.arg[0]);
    log("kernel: shutdown requested by %s (endpoint %d), code %d; %lu frames free\n", caller.name, caller.endpoint,
        code, frames_free());
    machine_exit(code);
}

}  // namespace kernel
