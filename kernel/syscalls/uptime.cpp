// uptime.cpp — the clocks: Sys::Uptime(): nanoseconds since boot;
// Sys::IdleCycles(): TSC cycles spent halted with nothing to run.
//
// Entry points: sys_uptime, sys_idle_cycles.
#include "arch/timer.h"
#include "proc/scheduler.h"
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_uptime(Process&, const SyscallArgs&) { return done(static_cast<int64_t>(uptime_ns())); }

SyscallResult sys_idle_cycles(Process&, const SyscallArgs&) { return done(static_cast<int64_t>(scheduler_idle_cycles())); }

}  // namespace kernel
