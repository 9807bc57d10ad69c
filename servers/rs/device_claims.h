// device_claims.h — which driver owns which PCI device. At boot rs looks up
// the device of every manifest service with a `device <vendor>:<device>`
// line: present, the service's privileges get exactly that device's I/O
// window and IRQ line; absent, the service is dropped and never started
// (a machine without the device boots as if the section did not exist).
// A driver then asks rs for its device (kDeviceClaim: resources, DMA off)
// and, once it has reset the device, for bus mastering (kDeviceDmaEnable).
//
// Entry points: rs::DeviceClaims, rs::claim_devices, rs::add_device_routes
// (device_handlers.cpp).
#pragma once

#include <sys/manifest.h>

#include "pci_config.h"

namespace rs {

struct DeviceClaim {
    neurath::Endpoint driver;
    uint16_t vendor;
    uint16_t device;
    pci::Location at;
    pci::Resources resources;
};

struct DeviceClaims {
    DeviceClaim claims[sys::manifest::kMaxServices];
    uint32_t count;

    const DeviceClaim* for_driver(neurath::Endpoint driver) const;
};

// Resolves every `device` line of `manifest` (see above); services whose
// device is missing or unusable are removed from `manifest`, with a log line.
sys::Result<void> claim_devices(sys::manifest::Manifest& manifest, DeviceClaims& claims);

}  // namespace rs
