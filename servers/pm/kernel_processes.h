// kernel_processes.h — the kernel's process list (ProcList), read into one
// scratch table that pm reuses for every request that needs it (ps, the pid
// of a child, adopting programs after a restart). The table is not state:
// it holds nothing between requests, so a live update does not transfer it.
//
// Entry point: pm::read_kernel_processes.
#pragma once

#include <neurath/syscall.h>
#include <sys/result.h>

namespace pm {

struct KernelProcesses {
    const neurath::ProcessInfo* entries;
    uint64_t count;  // slots the kernel filled (dead ones included)
};

// Valid until the next call.
sys::Result<KernelProcesses> read_kernel_processes();

}  // namespace pm
