// boot_image.h — loading the `bootimage` boot module (a ustar archive) into
// rs's memory, and the launcher that starts services from it.
//
// Entry points: rs::load_boot_image, rs::launch_service (a Launcher).
#pragma once

#include <sys/manifest.h>
#include <sys/server.h>

#include "update_binary.h"

namespace rs {

using sys::Result;
using sys::manifest::ServiceSpec;
class UpdateStore;

inline constexpr char kBootImageModule[] = "bootimage";
inline constexpr char kManifestPath[] = "etc/system.conf";

struct BootImage {
    uint8_t* data = nullptr;
    size_t length = 0;
};

// Finds the module named "bootimage" and copies it into a heap buffer.
Result<BootImage> load_boot_image();

// Where services' executables come from: the binary of a service's last
// committed live update (kept by rs), else its boot module, else its
// program in the boot image.
struct LaunchSources {
    const BootImage* image;
    const UpdateStore* updates;
};

// Launcher for Supervisor: `context` is a LaunchSources. Spawns the service's
// program at its fixed endpoint with supervisor rs and its privileges.
Result<uint64_t> launch_service(void* context, const ServiceSpec& spec, sys::StartKind kind, uint32_t restarts);

// A heap copy of the executable launch_service would start for `spec`.
Result<Binary> copy_service_executable(const LaunchSources& sources, const ServiceSpec& spec);

// A heap copy of the boot module `name` (rs's own executable: "rs").
Result<Binary> copy_boot_module(const char* name);

// Spawns `spec` from an ELF executable in rs's memory; returns the new pid.
Result<uint64_t> spawn_service(const ServiceSpec& spec, sys::StartKind kind, uint32_t restarts,
                               const void* executable, size_t length);

}  // namespace rs
