// permissions.h — what a program's profile allows beyond its kernel
// privileges, asked for by other servers: today one, `net privileged-ports`
// (binding TCP/UDP ports below 1024), which inet asks about. Also the
// message that tells inet a process ended, so its sockets close.
//
// Entry points: NetPermissions (grant at spawn, lookup by pid),
// handle_permissions (pm::kPermissions, only from inet), release_sockets.
#pragma once

#include <protocol/inet.h>
#include <protocol/pm.h>
#include <sys/server.h>

namespace pm {

struct PmState;

// Pids (never reused) of programs started with `net privileged-ports`; the
// oldest entry gives way when more than kCapacity were started.
struct NetPermissions {
    static constexpr uint32_t kCapacity = 16;
    uint64_t pids[kCapacity] = {};
    uint32_t next = 0;

    void grant(uint64_t pid);
    bool allows(uint64_t pid) const;
};

sys::Result<sys::Disposition> handle_permissions(PmState& state, const neurath::Message& request, neurath::Message& reply);

// Tells inet (when the machine has it) that `endpoint` ended.
void release_sockets(neurath::Endpoint endpoint);

}  // namespace pm
