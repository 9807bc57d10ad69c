// real_requests.cpp — well-formed requests each server answers with success
// (see real_requests.h).
#include "real_requests.h"

#include <protocol/ds.h>
#include <protocol/pm.h>
#include <protocol/rs.h>
#include <protocol/tty.h>
#include <protocol/vfs.h>
#include <sys/call.h>
#include <sys/cstring.h>
#include <sys/pm_client.h>

namespace stallfuzz {
namespace {

using neurath::Endpoint;
using neurath::Message;

constexpr const char kRootPath[] = "/";
constexpr uint32_t kServiceSlots = 8;
protocol::rs::ServiceEntry services[kServiceSlots];  // rs writes the list here
uint8_t lookup_value[64];                            // ds writes a looked-up value here
constexpr const char kChild[] = "/bin/benchpeer";

// What the server's request needs granted: a buffer and the access.
struct GrantNeed {
    const void* buffer = nullptr;
    uint64_t length = 0;
    uint32_t access = 0;
};

GrantNeed grant_need(Endpoint server) {
    switch (server) {
    case neurath::kRs: return {services, sizeof services, neurath::kGrantWrite};
    case neurath::kVfs: return {kRootPath, sizeof kRootPath - 1, neurath::kGrantRead};
    case neurath::kDs: return {lookup_value, sizeof lookup_value, neurath::kGrantWrite};
    default: return {};  // pm's GetPid and tty's empty write name no memory
    }
}

}  // namespace

sys::Result<RealRequests> RealRequests::create(const fuzz::Target& target) {
    const GrantNeed need = grant_need(target.endpoint);
    if (need.length == 0) return RealRequests(target, sys::Grant::none());
    sys::Grant grant = TRY(sys::Grant::create(target.endpoint, need.buffer, need.length, need.access));
    return RealRequests(target, static_cast<sys::Grant&&>(grant));
}

Message RealRequests::make() const {
    const protocol::GrantRef granted = grant_.ref();
    switch (target_->endpoint) {
    case neurath::kRs: return sys::make_message(protocol::rs::kServiceList, protocol::rs::ServiceListRequest{granted});
    case neurath::kPm: return sys::make_message(protocol::pm::kGetPid, protocol::pm::EmptyRequest{});
    case neurath::kVfs: return sys::make_message(protocol::vfs::kStat, protocol::vfs::StatRequest{granted});
    case neurath::kDs: {
        protocol::ds::LookupRequest lookup{};
        sys::str::strlcpy(lookup.key, "sh.first_prompt_ns", sizeof lookup.key);
        lookup.value = granted;
        return sys::make_message(protocol::ds::kLookup, lookup);
    }
    default: return sys::make_message(protocol::tty::kWrite, protocol::tty::WriteRequest{granted});  // 0 bytes
    }
}

sys::Result<void> start_deferred_wait() {
    const char* argv[] = {kChild, "exit"};
    const sys::pm::SpawnReply child = TRY(sys::pm::spawn(kChild, 2, argv));
    return sys::send(neurath::kPm, sys::make_message(protocol::pm::kWait, protocol::pm::WaitRequest{child.endpoint}));
}

}  // namespace stallfuzz
