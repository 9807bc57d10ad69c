// lifecycle.h — creating and ending processes.
//
// Entry points: spawn_process(plan, source) -> the new process (fully built
// and runnable, or nothing at all; its version is the hash of the whole
// image), terminate_process(process, ending).
// Termination wakes IPC partners with -DeadEndpoint, drops the grants it
// made and those made to it, its alarm, IRQ subscriptions and every frame of
// its memory, marks the endpoint dead (the name stays reusable by a restart)
// and reports to the supervisor; the death of rs panics the kernel.
#pragma once

#include <neurath/message.h>
#include <neurath/syscall.h>
#include <stdint.h>

#include "core/result.h"
#include "proc/process.h"

namespace kernel {

// Where an executable's bytes come from (a boot module or the spawner's memory).
struct ImageSource {
    Result<void> (*read)(const void* context, uint64_t offset, void* out, uint64_t length);
    const void* context;
    uint64_t length;
};

struct SpawnPlan {
    char name[neurath::kNameLength];
    char args[neurath::kArgBlockSize];
    uint32_t args_length;
    Endpoint endpoint;  // explicit, or kNone to allocate
    Endpoint supervisor;
    int32_t priority;
    neurath::Privileges privileges;
    uint64_t state_source_pid;  // the process whose memory the new one may read (ProcMemoryRead); 0: none
    uint64_t page_limit;        // most user pages it may hold at once (image and stack included); 0: no limit
};

Result<Process*> spawn_process(const SpawnPlan& plan, const ImageSource& source);

enum class EndingKind : uint8_t { Exited, Killed, Faulted };

struct Ending {
    EndingKind kind;
    int32_t status;
    neurath::FaultReport fault;  // for Faulted
};

void terminate_process(Process& process, const Ending& ending);

}  // namespace kernel
