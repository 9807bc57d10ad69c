// builtins_jobs.cpp — shell builtins for background jobs: jobs, wait; and
// collect_job, which kill uses to reap a job it just killed.
//
// Entry points: builtin_jobs, builtin_wait, collect_job. `wait` never
// blocks on a job that is still running (the shell must not hang on user
// input): it collects the finished jobs and names the running ones, which
// `kill <pid>` stops. A collected job is announced as "[<pid>] <name> done",
// with "after N ms" when pm measured how long it ran (pm.next does).
#include <protocol/pm.h>
#include <sys/pm_client.h>

#include "builtins.h"
#include "jobs.h"
#include "numbers.h"
#include "run_program.h"

namespace shell {

int collect_job(size_t index) {
    const Job job = jobs().at(index);
    jobs().remove(index);
    const sys::Result<sys::pm::WaitReply> ending = sys::pm::wait(job.endpoint);
    if (ending.is_error()) {
        report_error(job.name, "wait: %s", neurath::error_name(ending.error()));
        return 1;
    }
    Output console = Output::console();
    if (ending.value().run_ms > 0)
        console.print("[%llu] %s done after %u ms\n", static_cast<unsigned long long>(job.pid), job.name,
                      ending.value().run_ms);
    else
        console.print("[%llu] %s done\n", static_cast<unsigned long long>(job.pid), job.name);
    return report_ending(job.name, ending.value());
}

namespace {

constexpr uint32_t kMaxListed = 64;

// A job has finished when pm no longer lists a live process with its pid.
bool has_finished(const Job& job) {
    static protocol::pm::ProcessEntry entries[kMaxListed];
    const sys::Result<sys::pm::ProcessListReply> listed = sys::pm::process_list(entries, kMaxListed);
    if (listed.is_error()) return false;
    for (uint32_t i = 0; i < listed.value().count; ++i) {
        if (entries[i].pid == job.pid) return entries[i].state == neurath::ProcState::Dead;
    }
    return true;
}

// Collects job `index` if it has finished; returns whether it did, and its
// status through `status`.
bool collect_if_finished(size_t index, int& status, Output& out) {
    const Job& job = jobs().at(index);
    if (!has_finished(job)) {
        out.print("[%llu] %s still running (stop it with kill %llu)\n", static_cast<unsigned long long>(job.pid),
                  job.name, static_cast<unsigned long long>(job.pid));
        return false;
    }
    status |= collect_job(index);
    return true;
}

}  // namespace

int builtin_jobs(const CommandLine& command, Output& out) {
    if (command.argc != 1) return usage_error(command);
    for (size_t i = 0; i < jobs().count(); ++i) {
        const Job& job = jobs().at(i);
        out.print("[%llu] %s (endpoint %d)\n", static_cast<unsigned long long>(job.pid), job.name, job.endpoint);
    }
    return 0;
}

int builtin_wait(const CommandLine& command, Output& out) {
    if (command.argc > 2) return usage_error(command);
    int status = 0;
    if (command.argc == 1) {
        for (size_t i = 0; i < jobs().count();) {
            if (!collect_if_finished(i, status, out)) ++i;
        }
        return status;
    }
    const sys::Result<uint64_t> pid = parse_unsigned(command.argv[1]);
    for (size_t i = 0; pid.ok() && i < jobs().count(); ++i) {
        if (jobs().at(i).pid != pid.value()) continue;
        return collect_if_finished(i, status, out) ? status : 1;
    }
    report_error("wait", "%s: no such job", command.argv[1]);
    return 1;
}

}  // namespace shell
