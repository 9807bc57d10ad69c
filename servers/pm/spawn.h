// spawn.h — starting user programs: load the user profile from the
// manifest, read an executable from vfs, and ProcSpawn it under pm.
//
// Entry points: pm::load_profiles, pm::spawn_program, pm::start_init,
// pm::adopt_running_programs.
#pragma once

#include "pm_state.h"

namespace pm {

// Reads /etc/system.conf through vfs and keeps its program profiles; on
// failure falls back to one "user" profile that may only talk to pm, vfs,
// ds and tty.
void load_profiles(PmState& state);

struct Spawned {
    Endpoint endpoint;
    uint64_t pid;
};

// `args` is a NUL-separated argv block of `args_length` bytes (0: argv = {path}).
Result<Spawned> spawn_program(PmState& state, const char* path, const char* args, uint32_t args_length,
                              Endpoint parent);

// Starts the manifest's init program (the shell), if any.
void start_init(PmState& state);

// After a restart: takes over the user processes the previous pm started
// (the kernel still lists pm as their supervisor); parents are unknown, so
// they are adopted as orphans, and the init program is recognised by name.
void adopt_running_programs(PmState& state);

}  // namespace pm
