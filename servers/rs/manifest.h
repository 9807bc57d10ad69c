// manifest.h — the privilege manifest (etc/system.conf): what rs starts and
// what each process may do. Format: see servers/rs/README.md.
//
// Entry points: rs::parse_manifest (text -> Manifest or an error with the
// line number), rs::start_order (dependency order), Manifest::find.
// Pure logic, unit-tested on the host (tests/unit/rs).
#pragma once

#include <neurath/syscall.h>
#include <sys/result.h>

namespace rs {

using neurath::Endpoint;
using sys::Result;

inline constexpr size_t kMaxServices = 12;
inline constexpr size_t kMaxDependencies = 6;
inline constexpr size_t kMaxProgramPath = 64;
inline constexpr size_t kMaxIpcNames = 16;

struct ServiceSpec {
    char name[neurath::kNameLength];
    char program[kMaxProgramPath];     // path inside the boot image, e.g. sbin/pm
    Endpoint endpoint;
    int32_t priority;
    neurath::Privileges privileges;
    char dependencies[kMaxDependencies][neurath::kNameLength];
    uint32_t dependency_count;
    // ipc targets as written, resolved into privileges.send_mask after parsing
    char ipc_names[kMaxIpcNames][neurath::kNameLength];
    uint32_t ipc_count;
};

// Privileges and priority for ordinary user programs (pm spawns with these).
struct UserProfile {
    char init[kMaxProgramPath];   // program pm starts at boot (absolute path), may be empty
    int32_t priority;
    neurath::Privileges privileges;
    char ipc_names[kMaxIpcNames][neurath::kNameLength];
    uint32_t ipc_count;
};

struct Manifest {
    ServiceSpec services[kMaxServices];
    uint32_t service_count;
    UserProfile user;
    bool has_user_profile;

    const ServiceSpec* find(const char* name) const;
    const ServiceSpec* find(Endpoint endpoint) const;
};

struct ParseError {
    uint32_t line;          // 1-based; 0 when the error is not tied to a line
    const char* reason;     // static text
};

// Parses and validates the whole manifest (names, endpoints, ipc targets,
// kernel-call names, priorities, dependencies). `out` is fully overwritten.
Result<void> parse_manifest(const char* text, size_t length, Manifest& out, ParseError& error);

// Indices into manifest.services such that every service comes after its
// dependencies; InvalidArgument on a cycle.
Result<void> start_order(const Manifest& manifest, uint32_t (&order)[kMaxServices]);

// Kernel-call name ("ProcSpawn", ...) -> bit number, or NotFound.
Result<uint32_t> kernel_call_bit(const char* name);

}  // namespace rs
