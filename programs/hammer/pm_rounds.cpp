// pm_rounds.cpp — hammer pm: getpid (pm must name hammer's own pid and
// endpoint every time) and the process list (hammer must be in it, alive,
// with its pid, endpoint and name).
//
// Entry point: hammer_pm.
#include <protocol/pm.h>
#include <sys/cstring.h>
#include <sys/pm_client.h>

#include "rounds.h"

namespace hammer {
namespace {

using neurath::error_name;

constexpr uint32_t kMaxListed = 64;

void getpid_checked(load::Tally& tally, const Self& self) {
    const sys::Result<sys::pm::GetPidReply> got = tally.timed([] { return sys::pm::getpid(); });
    if (got.is_error()) return tally.fail("getpid: %s", error_name(got.error()));
    if (got.value().pid != self.pid || got.value().endpoint != self.endpoint)
        tally.fail("getpid: pid %llu at endpoint %d, expected pid %llu at endpoint %d",
                   static_cast<unsigned long long>(got.value().pid), got.value().endpoint,
                   static_cast<unsigned long long>(self.pid), self.endpoint);
}

void list_checked(load::Tally& tally, const Self& self) {
    static protocol::pm::ProcessEntry entries[kMaxListed];
    const sys::Result<sys::pm::ProcessListReply> listed =
        tally.timed([] { return sys::pm::process_list(entries, kMaxListed); });
    if (listed.is_error()) return tally.fail("process list: %s", error_name(listed.error()));
    for (uint32_t i = 0; i < listed.value().count; ++i) {
        const protocol::pm::ProcessEntry& entry = entries[i];
        if (entry.pid != self.pid) continue;
        if (entry.endpoint != self.endpoint || entry.state == neurath::ProcState::Dead ||
            sys::str::strcmp(entry.name, "hammer") != 0)
            tally.fail("process list: pid %llu is '%.16s' at endpoint %d, expected hammer at %d",
                       static_cast<unsigned long long>(self.pid), entry.name, entry.endpoint, self.endpoint);
        return;
    }
    tally.fail("process list: %u processes, hammer (pid %llu) not among them", listed.value().count,
               static_cast<unsigned long long>(self.pid));
}

}  // namespace

void hammer_pm(load::Tally& tally, uint64_t count, const Self& self) {
    for (uint64_t round = 0; tally.requests() < count; ++round) {
        getpid_checked(tally, self);
        if (round % 2 == 1) list_checked(tally, self);
    }
}

}  // namespace hammer
