// boot_image.h — loading the `bootimage` boot module (a ustar archive) into
// rs's memory, and the launcher that starts services from it.
//
// Entry points: rs::load_boot_image, rs::launch_service (a Launcher).
#pragma once

#include <sys/manifest.h>
#include <sys/server.h>

namespace rs {

using sys::Result;
using sys::manifest::ServiceSpec;

inline constexpr char kBootImageModule[] = "bootimage";
inline constexpr char kManifestPath[] = "etc/system.conf";

struct BootImage {
    uint8_t* data = nullptr;
    size_t length = 0;
};

// Finds the module named "bootimage" and copies it into a heap buffer.
Result<BootImage> load_boot_image();

// Launcher for Supervisor: `context` is the BootImage. Spawns the service's
// program at its fixed endpoint with supervisor rs and its privileges.
Result<uint64_t> launch_service(void* context, const ServiceSpec& spec, sys::StartKind kind, uint32_t restarts);

// Spawns `spec` from an ELF executable in rs's memory; returns the new pid.
Result<uint64_t> spawn_service(const ServiceSpec& spec, sys::StartKind kind, uint32_t restarts,
                               const void* executable, size_t length);

}  // namespace rs
