// manifest.h — the privilege manifest (etc/system.conf): what rs starts and
// what each process may do; read by rs (services) and pm (program profiles).
// Format: see libsys/README.md.
//
// Entry points: sys::manifest::parse (text -> Manifest or an error with the
// line number), sys::manifest::start_order (dependency order), Manifest::find.
// Pure logic, unit-tested on the host (tests/unit/libsys).
#pragma once

#include <neurath/syscall.h>
#include <sys/result.h>

namespace sys::manifest {

using neurath::Endpoint;

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
    // `device <vendor>:<device>` (hex PCI ids): the PCI device this driver
    // claims; rs fills privileges.io_first/io_count/irq_mask from the device
    // it finds and starts the service only on a machine that has it.
    bool claims_device;
    uint16_t pci_vendor;
    uint16_t pci_device;
};

inline constexpr size_t kMaxProfiles = 4;
inline constexpr size_t kMaxProfilePrograms = 8;

// Whom a program may kill through pm (profile key `kill`): its own
// descendants only (default), or any program pm started, init included.
// Servers are never killed through pm.
enum class KillScope : uint8_t { Descendants, Programs };

// Privileges, priority and limits for user programs pm starts. The profile named
// "user" applies to every program; another profile applies to the programs
// it lists (e.g. the shell may talk to rs, ordinary programs may not).
struct ProgramProfile {
    char name[neurath::kNameLength];
    char programs[kMaxProfilePrograms][kMaxProgramPath];  // absolute paths
    uint32_t program_count;
    int32_t priority;
    neurath::Privileges privileges;
    char ipc_names[kMaxIpcNames][neurath::kNameLength];
    uint32_t ipc_count;
    uint64_t memory_limit;     // `memory`: bytes of user memory a process may map at once; 0: no limit
    uint32_t process_limit;    // `processes`: live descendants a process may have at once; 0: no limit
    KillScope kill_scope;      // `kill`
    // `net privileged-ports` is privileges.server_permissions' kPermitPrivilegedPorts
};

struct Manifest {
    ServiceSpec services[kMaxServices];
    uint32_t service_count;
    ProgramProfile profiles[kMaxProfiles];
    uint32_t profile_count;
    char init[kMaxProgramPath];   // program pm starts at boot (absolute path), may be empty

    const ServiceSpec* find(const char* name) const;
    const ServiceSpec* find(Endpoint endpoint) const;
    const ProgramProfile* profile(const char* name) const;
    // The profile listing `program_path`, else "user"; nullptr if neither exists.
    const ProgramProfile* profile_for(const char* program_path) const;
};

struct ParseError {
    uint32_t line;          // 1-based; 0 when the error is not tied to a line
    const char* reason;     // static text
};

// Parses and validates the whole manifest (names, endpoints, ipc targets,
// kernel-call names, priorities, dependencies). `out` is fully overwritten.
Result<void> parse(const char* text, size_t length, Manifest& out, ParseError& error);

// Indices into manifest.services such that every service comes after its
// dependencies; InvalidArgument on a cycle.
Result<void> start_order(const Manifest& manifest, uint32_t (&order)[kMaxServices]);

// Kernel-call name ("ProcSpawn", ...) -> bit number, or NotFound.
Result<uint32_t> kernel_call_bit(const char* name);

}  // namespace sys::manifest
