// tally.cpp — load::Tally: counting, failure reports and the summary line.
#include "tally.h"

#include <stdarg.h>
#include <sys/format.h>
#include <sys/stdio.h>

namespace load {

void Tally::record(uint64_t ns) {
    ++requests_;
    if (ns > longest_ns_) longest_ns_ = ns;
}

void Tally::fail(const char* pattern, ...) {
    ++failures_;
    if (failures_ > kReportedFailures) return;
    char message[160];
    va_list arguments;
    va_start(arguments, pattern);
    (void)sys::vformat(message, sizeof message, pattern, arguments);
    va_end(arguments);
    printf("%s: %s\n", label_, message);
    if (failures_ == kReportedFailures) printf("%s: (further failures are only counted)\n", label_);
}

void Tally::print_summary() const {
    printf("%s: %llu requests, %llu failures, longest wait %llu us\n", label_,
           static_cast<unsigned long long>(requests_), static_cast<unsigned long long>(failures_),
           static_cast<unsigned long long>(longest_ns_ / 1000));
}

}  // namespace load
