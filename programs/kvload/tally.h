// tally.h — the bookkeeping of the load programs (kvload, hammer): how many
// requests were sent, how many failed (an error where none was due, or a
// wrong answer), and the longest a single request took (guest time from
// sys::uptime_ns). The first kReportedFailures failures are printed as they
// happen, so none is silent; print_summary gives the one summary line
// "<label>: N requests, F failures, longest wait W us".
//
// Entry points: load::Tally::{timed, fail, print_summary, exit_status}.
#pragma once

#include <stdint.h>
#include <sys/kcall.h>

namespace load {

class Tally {
public:
    static constexpr uint64_t kReportedFailures = 5;

    explicit Tally(const char* label) : label_(label) {}

    // Runs `request` (a callable returning a sys::Result) as one timed request.
    template <typename Request>
    auto timed(Request&& request) -> decltype(request()) {
        const uint64_t start = sys::uptime_ns();
        auto result = request();
        record(sys::uptime_ns() - start);
        return result;
    }

    // Counts one failure; prints "<label>: <message>" for the first few.
    __attribute__((format(printf, 2, 3))) void fail(const char* pattern, ...);

    uint64_t requests() const { return requests_; }
    uint64_t failures() const { return failures_; }
    const char* label() const { return label_; }
    void print_summary() const;
    // 0 if nothing failed, else 1.
    int exit_status() const { return failures_ == 0 ? 0 : 1; }

private:
    void record(uint64_t ns);

    const char* label_;
    uint64_t requests_ = 0;
    uint64_t failures_ = 0;
    uint64_t longest_ns_ = 0;
};

}  // namespace load
