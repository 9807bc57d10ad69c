// uptime.cpp — Sys::Uptime(): nanoseconds since boot.
//
// Entry point: sys_uptime.
#include "arch/timer.h"
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_uptime(Process&, const SyscallArgs&) { return done(static_cast<int64_t>(uptime_ns())); }

}  // namespace kernel
