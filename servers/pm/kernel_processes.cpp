// kernel_processes.cpp — the scratch table behind read_kernel_processes
// (kernel_processes.h).
#include "kernel_processes.h"

#include <sys/kcall.h>

namespace pm {
namespace {

[[clang::annotate("lu.no_transfer")]] neurath::ProcessInfo scratch[neurath::kMaxEndpoints];

}  // namespace

sys::Result<KernelProcesses> read_kernel_processes() {
    const uint64_t count = TRY(sys::proc_list(scratch, neurath::kMaxEndpoints));
    return KernelProcesses{scratch, count};
}

}  // namespace pm
