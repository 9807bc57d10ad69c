// self_info.cpp — Sys::SelfInfo(): the caller's own endpoint.
//
// Entry point: sys_self_info.
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_self_info(Process& caller, const SyscallArgs&) { return done(caller.endpoint); }

}  // namespace kernel
