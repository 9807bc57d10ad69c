// pm_state.h — everything the process manager knows, passed explicitly to
// every handler: the process table and the profile user programs run with.
#pragma once

#include <sys/manifest.h>

#include "process_table.h"

namespace pm {

inline constexpr char kManifestPath[] = "/etc/system.conf";

struct PmState {
    ProcessTable processes;
    sys::manifest::Manifest manifest;  // profiles and init program from /etc/system.conf
    bool manifest_loaded = false;
    Endpoint init_endpoint = neurath::kNone;
    uint32_t init_restarts = 0;   // how often init ended and was started again (no limit)
};

}  // namespace pm
