// fake_kernel.h — a host stand-in for the kernel calls that libsys client
// stubs and server handlers make, so a request travels client stub ->
// message -> server dispatch -> handler -> grant copies -> reply inside one
// test process. Shared by the ds and pm unit tests.
//
// Entry points: fake::kernel() (reset it per test), fake::install(endpoint,
// table, state) to route sendrec to a server; grants are checked for owner,
// bounds, access and revocation; Send and SendNonBlocking (replies, deferred
// ones included) land in `outbox`; ProcSpawn/ProcList/ProcKill act on
// `processes`. An endpoint in `not_receiving` is a client that does not wait
// for its answer: SendNonBlocking to it fails with NotReceiving, and a
// blocking Send to it throws, since on the real kernel it would stall the
// sender until that client receives (perhaps forever).
#pragma once

#include <sys/server.h>

#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace fake {

struct GrantRecord {
    const void* address;
    uint64_t length;
    uint32_t access;
    neurath::Endpoint owner;
    neurath::Endpoint grantee;
};

struct Sent {
    neurath::Endpoint from;
    neurath::Endpoint to;
    neurath::Message message;
};

using Server = std::function<sys::Outcome(const neurath::Message& request, neurath::Message& reply)>;

struct Kernel {
    neurath::Endpoint caller = 20;  // the endpoint whose code runs right now
    std::map<uint64_t, GrantRecord> grants;
    uint64_t next_grant = 1;
    uint64_t revoked = 0;
    std::map<neurath::Endpoint, Server> servers;
    std::vector<Sent> outbox;
    std::set<neurath::Endpoint> not_receiving;
    // Processes known to the fake ProcSpawn/ProcList/ProcKill.
    std::vector<neurath::ProcessInfo> processes;
    std::vector<neurath::SpawnRequest> spawns;
    std::vector<std::pair<neurath::Endpoint, int32_t>> kills;
    neurath::Endpoint next_endpoint = neurath::kFirstUserEndpoint + 10;
    uint64_t next_pid = 100;
    std::string log;  // everything written with sys::log
    std::deque<neurath::Message> inbox;  // what sys::receive returns next (empty: WouldBlock)
    uint64_t uptime_ns = 1'000'000'000;  // what sys::uptime_ns returns; each call advances it 1 ms
};

Kernel& kernel();

// Routes sendrec(endpoint, ...) to this server; while its handler runs, the
// fake's caller is `endpoint` (so the server's own grants and calls are its own).
template <typename State>
void install(neurath::Endpoint endpoint, const sys::DispatchTable<State>& table, State& state) {
    kernel().servers[endpoint] = [&table, &state](const neurath::Message& request, neurath::Message& reply) {
        return sys::dispatch(table, state, request, reply);
    };
}

}  // namespace fake
