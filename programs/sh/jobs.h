// jobs.h — the shell's background jobs: programs started with a final `&`,
// remembered (bounded) until `wait` collects how they ended.
//
// Entry points: JobTable::add, remove, find_by_endpoint, count, at.
// Pure bookkeeping (no kernel calls); spawning and waiting live in
// run_program.cpp and builtins_jobs.cpp.
#pragma once

#include <neurath/message.h>
#include <neurath/syscall.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/result.h>

namespace shell {

inline constexpr size_t kMaxJobs = 8;

struct Job {
    neurath::Endpoint endpoint;
    uint64_t pid;
    char name[neurath::kNameLength];
};

class JobTable {
public:
    // TooManyOpenFiles-like limit: Busy when kMaxJobs jobs are running.
    sys::Result<void> add(neurath::Endpoint endpoint, uint64_t pid, const char* name);
    // Removes the job at `index`, keeping the others in start order.
    void remove(size_t index);
    // Index of the job with this endpoint, or NotFound.
    sys::Result<size_t> find_by_endpoint(neurath::Endpoint endpoint) const;
    size_t count() const { return count_; }
    const Job& at(size_t index) const { return jobs_[index]; }

private:
    Job jobs_[kMaxJobs] = {};
    size_t count_ = 0;
};

// The shell's one job table.
JobTable& jobs();

}  // namespace shell
