// update_report.cpp — rows of the `updates` table (see update_report.h).
//
// Entry points: update_result_name, format_update_header, format_update_row.
#include "update_report.h"

#include <neurath/version.h>
#include <sys/format.h>

namespace shell {
namespace {

namespace pr = protocol::rs;

unsigned long long microseconds(uint64_t ns) { return static_cast<unsigned long long>(ns / 1000); }

unsigned long long phase_us(const pr::UpdateRecord& record, pr::UpdatePhase phase) {
    return microseconds(record.phase_ns[static_cast<uint32_t>(phase)]);
}

}  // namespace

int format_update_header(char* out, size_t capacity) {
    return sys::format(out, capacity, "%4s %-10s %-8s -> %-8s %8s %8s %8s %8s %8s %8s %s\n", "ID", "NAME", "OLD", "NEW",
                       "LOAD", "QUIESCE", "TRANSFER", "CHECK", "COMMIT", "BLACKOUT", "RESULT");
}

const char* update_result_name(pr::UpdateResult result) {
    switch (result) {
    case pr::UpdateResult::Running: return "running";
    case pr::UpdateResult::Committed: return "committed";
    case pr::UpdateResult::RolledBack: return "rolled back";
    case pr::UpdateResult::Prepared: return "prepared";
    }
    return "unknown";
}

int format_update_row(char* out, size_t capacity, const pr::UpdateRecord& record) {
    const int row = sys::format(out, capacity, "%4u %-10.15s %08x -> %08x %8llu %8llu %8llu %8llu %8llu %8llu %s\n",
                                record.transaction, record.name, neurath::short_version(record.old_version),
                                neurath::short_version(record.new_version), phase_us(record, pr::UpdatePhase::Load),
                                phase_us(record, pr::UpdatePhase::Quiesce), phase_us(record, pr::UpdatePhase::Transfer),
                                phase_us(record, pr::UpdatePhase::Check), phase_us(record, pr::UpdatePhase::Commit),
                                microseconds(record.blackout_ns), update_result_name(record.result));
    if (record.result != pr::UpdateResult::RolledBack || row < 0 || static_cast<size_t>(row) >= capacity) return row;
    const char* reason = record.reason[0] != '\0' ? record.reason : "(rs gave no reason)";
    const int why = sys::format(out + row, capacity - static_cast<size_t>(row), "     reason: %.*s\n",
                                static_cast<int>(sizeof record.reason), reason);
    return why < 0 ? why : row + why;
}

}  // namespace shell
