// device_claims.cpp — binding manifest drivers to PCI devices at boot (see
// device_claims.h).
#include "device_claims.h"

#include <sys/cstring.h>
#include <sys/stdio.h>

#include "pci_bus.h"

namespace rs {
using sys::manifest::Manifest;
using sys::manifest::ServiceSpec;

namespace {

void drop_service(Manifest& manifest, uint32_t index) {
    for (uint32_t i = index + 1; i < manifest.service_count; ++i) manifest.services[i - 1] = manifest.services[i];
    --manifest.service_count;
}

// Finds the device of `spec`, fills its privileges and records the claim.
sys::Result<void> claim_one(ServiceSpec& spec, DeviceClaims& claims) {
    auto found = pci::find_device(spec.pci_vendor, spec.pci_device);
    if (found.is_error()) {
        sys::log("rs: %s: no PCI device %04x:%04x, not started\n", spec.name, spec.pci_vendor, spec.pci_device);
        return found.error();
    }
    const pci::Location at = found.value();
    auto resources = pci::read_resources(at);
    if (resources.is_error()) {
        sys::log("rs: %s: PCI device %02x:%02x.%u has no usable I/O BAR0 and IRQ line, not started\n", spec.name,
                 at.bus, at.slot, at.function);
        return resources.error();
    }
    const pci::Resources r = resources.value();
    spec.privileges.io_first = r.io_base;
    spec.privileges.io_count = r.io_size;
    spec.privileges.irq_mask = 1u << r.irq;
    spec.privileges.pci_device = pci::config_address(at, 0);  // the kernel stops its DMA when the driver ends
    claims.claims[claims.count++] = DeviceClaim{spec.endpoint, spec.pci_vendor, spec.pci_device, at, r};
    sys::log("rs: %s: PCI %02x:%02x.%u %04x:%04x, ports 0x%x-0x%x, irq %u\n", spec.name, at.bus, at.slot, at.function,
             spec.pci_vendor, spec.pci_device, r.io_base, r.io_base + r.io_size - 1, r.irq);
    return {};
}

// A service that depends on a service not started (a driver without its
// device) is not started either (inet without netdrv), and so on down.
void drop_orphaned_dependents(Manifest& manifest) {
    for (uint32_t i = 0; i < manifest.service_count;) {
        const ServiceSpec& spec = manifest.services[i];
        bool orphaned = false;
        for (uint32_t d = 0; d < spec.dependency_count; ++d) orphaned |= manifest.find(spec.dependencies[d]) == nullptr;
        if (!orphaned) {
            ++i;
            continue;
        }
        sys::log("rs: %s: a service it depends on is not started, not started\n", spec.name);
        drop_service(manifest, i);
        i = 0;  // what depended on it goes too
    }
}

}  // namespace

const DeviceClaim* DeviceClaims::for_driver(neurath::Endpoint driver) const {
    for (uint32_t i = 0; i < count; ++i) {
        if (claims[i].driver == driver) return &claims[i];
    }
    return nullptr;
}

sys::Result<void> claim_devices(Manifest& manifest, DeviceClaims& claims) {
    claims.count = 0;
    for (uint32_t i = 0; i < manifest.service_count;) {
        ServiceSpec& spec = manifest.services[i];
        if (!spec.claims_device || claim_one(spec, claims).ok()) {
            ++i;
            continue;
        }
        drop_service(manifest, i);
    }
    drop_orphaned_dependents(manifest);
    return {};
}

}  // namespace rs
