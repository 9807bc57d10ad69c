// yield.cpp — Sys::Yield(): give up the rest of the time slice.
//
// Entry point: sys_yield.
#include "proc/scheduler.h"
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_yield(Process&, const SyscallArgs&) {
    scheduler_yield();
    return done(0);
}

}  // namespace kernel
