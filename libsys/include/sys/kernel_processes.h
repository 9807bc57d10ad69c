// kernel_processes.h — the kernel's process list (ProcList, a privileged
// call), read into one scratch table that a server reuses for every lookup:
// the process at an endpoint (its pid, its server permissions), or the whole
// list (ps, adopting programs after a restart). The table holds nothing
// between calls, so it is not state: a live update does not transfer it.
//
// Entry points: sys::read_kernel_processes, sys::process_at.
#pragma once

#include <neurath/syscall.h>
#include <sys/result.h>

namespace sys {

struct KernelProcesses {
    const neurath::ProcessInfo* entries;
    uint64_t count;  // slots the kernel filled (dead ones included)
};

// Valid until the next call of either function.
Result<KernelProcesses> read_kernel_processes();

// The live process at `endpoint`; NotFound when there is none.
Result<neurath::ProcessInfo> process_at(neurath::Endpoint endpoint);

}  // namespace sys
