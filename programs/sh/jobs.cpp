// jobs.cpp — bounded background-job bookkeeping (see jobs.h).
//
// Entry points: JobTable::add, remove, find_by_endpoint, jobs.
#include "jobs.h"

#include <sys/cstring.h>

namespace shell {

sys::Result<void> JobTable::add(neurath::Endpoint endpoint, uint64_t pid, const char* name) {
    if (count_ == kMaxJobs) return neurath::Error::Busy;
    Job& job = jobs_[count_++];
    job.endpoint = endpoint;
    job.pid = pid;
    sys::str::strlcpy(job.name, name, sizeof job.name);
    return {};
}

void JobTable::remove(size_t index) {
    if (index >= count_) return;
    for (size_t i = index; i + 1 < count_; ++i) jobs_[i] = jobs_[i + 1];
    --count_;
}

sys::Result<size_t> JobTable::find_by_endpoint(neurath::Endpoint endpoint) const {
    for (size_t i = 0; i < count_; ++i) {
        if (jobs_[i].endpoint == endpoint) return i;
    }
    return neurath::Error::NotFound;
}

JobTable& jobs() {
    static JobTable table;
    return table;
}

}  // namespace shell
