// supervisor.h — rs's bookkeeping of running services and its restart
// policy: start everything in dependency order, restart a service that
// exited or faulted at its fixed endpoint, give up after kMaxRestarts.
//
// The actual process creation is a Launcher callback, so the policy is
// unit-tested on the host with a fake launcher (tests/unit/rs).
// Entry points: rs::Supervisor::{start_all, on_service_ended, crash_target,
// entry_for, record}.
#pragma once

#include <protocol/rs.h>
#include <sys/manifest.h>
#include <sys/server.h>

namespace rs {

using neurath::Endpoint;
using sys::Result;
using sys::manifest::kMaxServices;
using sys::manifest::Manifest;
using sys::manifest::ServiceSpec;

inline constexpr uint32_t kMaxRestarts = 5;

struct ServiceRecord {
    protocol::rs::ServiceState state;
    uint32_t restarts;
    uint64_t pid;
};

// Starts one service; `restarts` counts this start when kind == Restart.
// Returns the new process's kernel pid (0 if unknown).
using Launcher = Result<uint64_t> (*)(void* context, const ServiceSpec& spec, sys::StartKind kind, uint32_t restarts);

enum class EndAction { Restarted, GaveUp, NotAService, RestartFailed };

class Supervisor {
public:
    Supervisor(Launcher launcher, void* context) : launcher_(launcher), context_(context) {}

    // Takes the parsed manifest and starts every service in dependency order.
    // A service that fails to start is marked Failed; the others still start.
    Result<void> start_all(const Manifest& manifest);

    // A kernel report that `endpoint` ended: restart it or give up.
    EndAction on_service_ended(Endpoint endpoint);

    const Manifest& manifest() const { return manifest_; }
    const ServiceRecord* record(uint32_t index) const { return index < manifest_.service_count ? &records_[index] : nullptr; }
    ServiceRecord* record_for(Endpoint endpoint);
    uint32_t service_count() const { return manifest_.service_count; }
    protocol::rs::ServiceEntry entry_for(uint32_t index) const;

private:
    Launcher launcher_;
    void* context_;
    Manifest manifest_{};
    ServiceRecord records_[kMaxServices] = {};
};

}  // namespace rs
