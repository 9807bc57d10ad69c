// exit.cpp — Sys::Exit(int32_t status): end the caller; its supervisor gets
// kmsg::kProcessExited with the status.
//
// Entry point: sys_exit.
#include "proc/lifecycle.h"
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_exit(Process& caller, const SyscallArgs& args) {
    auto status = static_cast<int32_t>(args.arg[0]);
    terminate_process(caller, Ending{EndingKind::Exited, status, {}});
    return CallOutcome::deferred();  // never returns to the caller
}

}  // namespace kernel
