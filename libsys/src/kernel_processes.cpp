// kernel_processes.cpp — the scratch table behind read_kernel_processes and
// process_at (sys/kernel_processes.h). Servers are single-threaded and keep
// no result across calls, so one table serves them all.
#include <sys/kcall.h>
#include <sys/kernel_processes.h>

namespace sys {
namespace {

[[clang::annotate("lu.no_transfer")]] neurath::ProcessInfo scratch[neurath::kMaxEndpoints];

}  // namespace

Result<KernelProcesses> read_kernel_processes() {
    const uint64_t count = TRY(proc_list(scratch, neurath::kMaxEndpoints));
    return KernelProcesses{scratch, count};
}

Result<neurath::ProcessInfo> process_at(neurath::Endpoint endpoint) {
    const KernelProcesses list = TRY(read_kernel_processes());
    for (uint64_t i = 0; i < list.count; ++i)
        if (list.entries[i].endpoint == endpoint && list.entries[i].state != neurath::ProcState::Dead)
            return list.entries[i];
    return neurath::Error::NotFound;
}

}  // namespace sys
