// handlers.h — rs's state, request handlers and dispatch table.
//
// Entry points: rs::RsState, rs::make_table, rs::start_services (fresh-start hook).
#pragma once

#include <sys/server.h>

#include "boot_image.h"
#include "supervisor.h"

namespace rs {

struct RsState {
    BootImage image;
    Supervisor supervisor{launch_service, &image};
};

sys::DispatchTable<RsState> make_table();

// Loads the boot image and the manifest, then starts every service.
Result<void> start_services(RsState& state, const sys::StartInfo& info);

}  // namespace rs
