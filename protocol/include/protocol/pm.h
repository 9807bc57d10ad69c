// pm.h — process manager protocol (endpoint neurath::kPm).
//
// Spawn loads an executable from the file system (path through a read grant)
// with NUL-separated arguments (argv[0] included, through a read grant of at
// most neurath::kArgBlockSize bytes). The caller becomes the child's parent.
// Wait blocks (deferred reply) until a child of the caller ends; `child` may
// be neurath::kAny. ProcessList writes ProcessEntry records into a write grant.
#pragma once

#include <neurath/syscall.h>
#include <protocol/common.h>

namespace protocol::pm {

inline constexpr int32_t kSpawn = kPmBase + 0;
inline constexpr int32_t kWait = kPmBase + 1;
inline constexpr int32_t kKill = kPmBase + 2;
inline constexpr int32_t kGetPid = kPmBase + 3;
inline constexpr int32_t kProcessList = kPmBase + 4;
inline constexpr int32_t kRequestCount = 5;

struct SpawnRequest {
    GrantRef path;
    GrantRef args;        // may have length 0: argv = { path }
};
struct SpawnReply {
    Endpoint endpoint;
    uint32_t reserved;
    uint64_t pid;
};

struct WaitRequest {
    Endpoint child;       // a child's endpoint, or neurath::kAny
};
enum class ExitKind : uint32_t { Exited = 0, Faulted = 1, Killed = 2 };
struct WaitReply {
    Endpoint endpoint;
    int32_t status;       // exit status; for Faulted: the CPU exception vector
    ExitKind kind;
    uint32_t run_ms;      // how long the child ran, in ms (saturating); 0: not
                          // known (the boot version of pm does not keep start
                          // times; pm.next does, for the processes it started)
    uint64_t pid;
};

struct KillRequest {
    Endpoint target;
    int32_t status;
};

struct GetPidReply {
    uint64_t pid;
    Endpoint endpoint;
    Endpoint parent;
};

struct ProcessListRequest {
    GrantRef entries;     // write grant over an array of ProcessEntry
};
struct ProcessListReply {
    uint32_t count;       // entries written
    uint32_t total;       // processes that exist
};
struct ProcessEntry {
    char name[neurath::kNameLength];
    uint64_t pid;
    Endpoint endpoint;
    Endpoint parent;      // pm-managed parent (kNone for system services)
    neurath::ProcState state;
    int32_t priority;
    uint64_t cpu_ticks;
    uint64_t version;     // build identity of the executable (neurath::image_version)
    uint64_t user_pages;  // 4 KiB user pages mapped now (image, stack, heap; the memory limit counts these)
};
static_assert(sizeof(ProcessEntry) == 64);

struct EmptyRequest {};
struct EmptyReply {};

static_assert(kIsPayload<SpawnRequest> && kIsPayload<SpawnReply>);
static_assert(kIsPayload<WaitRequest> && kIsPayload<WaitReply>);
static_assert(kIsPayload<KillRequest> && kIsPayload<GetPidReply>);
static_assert(kIsPayload<ProcessListRequest> && kIsPayload<ProcessListReply>);

}  // namespace protocol::pm
