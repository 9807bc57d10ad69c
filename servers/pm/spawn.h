// spawn.h — starting user programs: load the user profile from the
// manifest, read an executable from vfs, and ProcSpawn it under pm.
//
// Entry points: pm::load_profile, pm::spawn_program, pm::start_init.
#pragma once

#include "pm_state.h"

namespace pm {

// Reads /etc/system.conf through vfs and keeps its user profile; on failure
// falls back to a profile that may only talk to the system servers.
void load_profile(PmState& state);

struct Spawned {
    Endpoint endpoint;
    uint64_t pid;
};

// `args` is a NUL-separated argv block of `args_length` bytes (0: argv = {path}).
Result<Spawned> spawn_program(PmState& state, const char* path, const char* args, uint32_t args_length,
                              Endpoint parent);

// Starts the profile's init program (the shell), if any.
void start_init(PmState& state);

}  // namespace pm
