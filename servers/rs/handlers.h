// handlers.h — rs's state, request handlers and dispatch table.
//
// Entry points: rs::RsState, rs::make_table, rs::start_services (fresh-start hook),
// rs::add_update_routes (update_handlers.cpp), rs::add_device_routes
// (device_handlers.cpp).
#pragma once

#include <sys/server.h>

#include "boot_image.h"
#include "device_claims.h"
#include "supervisor.h"
#include "update_manager.h"

namespace rs {

struct RsState {
    BootImage image;
    UpdateManager updates;
    LaunchSources sources{&image, &updates.store()};
    Supervisor supervisor{launch_service, &sources};
    DeviceClaims devices;  // which driver owns which PCI device
};

sys::DispatchTable<RsState> make_table();
// Registers the live-update requests and reports (update_handlers.cpp).
void add_update_routes(sys::DispatchTable<RsState>& table);
// Registers the drivers' device requests (device_handlers.cpp).
void add_device_routes(sys::DispatchTable<RsState>& table);

// Loads the boot image and the manifest, then starts every service.
Result<void> start_services(RsState& state, const sys::StartInfo& info);

}  // namespace rs
