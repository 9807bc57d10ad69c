// targets.h — the servers msgfuzz attacks and, per server, the request types
// it must not send with random contents because a valid instance would stop
// the experiment (power off, kill, block forever waiting for a child or a
// typed line) rather than test robustness. netdrv and inet exist only on a
// machine with a NIC: they are attacked when they answer a ping first.
// inet's Ping, ArpQuery and Poll are excluded: valid ones wait up to a
// minute for the network (the others on random socket ids find none).
//
// Entry points: kTargets, is_excluded.
#pragma once

#include <neurath/endpoint.h>
#include <protocol/common.h>
#include <protocol/inet.h>
#include <protocol/net.h>
#include <protocol/pm.h>
#include <protocol/rs.h>
#include <protocol/tty.h>

namespace fuzz {

struct Target {
    const char* name;
    neurath::Endpoint endpoint;
    int32_t first_type;    // the server's protocol range
    int32_t request_count; // valid request codes: first_type .. first_type + request_count - 1
    int32_t excluded[3];   // 0 marks an unused slot
    bool optional = false; // skipped (and not counted) when it does not answer a ping first
};

inline constexpr Target kTargets[] = {
    {"rs", neurath::kRs, protocol::kRsBase, 3, {protocol::rs::kShutdown, protocol::rs::kCrashService, 0}},
    {"pm", neurath::kPm, protocol::kPmBase, 5, {protocol::pm::kKill, protocol::pm::kWait, 0}},
    {"vfs", neurath::kVfs, protocol::kVfsBase, 12, {0, 0, 0}},
    {"ds", neurath::kDs, protocol::kDsBase, 6, {0, 0, 0}},
    {"tty", neurath::kTty, protocol::kTtyBase, 2, {protocol::tty::kReadLine, 0, 0}},
    {"netdrv", protocol::net::kNetdrv, protocol::kNetBase, protocol::net::kRequestCount,
     {protocol::net::kReceive, 0, 0}, true},
    {"inet", protocol::inet::kInet, protocol::kInetBase, protocol::inet::kRequestCount,
     {protocol::inet::kPing, protocol::inet::kArpQuery, protocol::inet::kPoll}, true},
};

inline bool is_excluded(const Target& target, int32_t type) {
    for (int32_t excluded : target.excluded) {
        if (excluded != 0 && excluded == type) return true;
    }
    return false;
}

}  // namespace fuzz
