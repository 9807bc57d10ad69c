// pci_bus.cpp — configuration-space accesses and the bus scan (see pci_bus.h).
#include "pci_bus.h"

#include <sys/kcall.h>

namespace rs::pci {
namespace {

bool config_space_open = false;

void out32(uint16_t port, uint32_t value) { asm volatile("outl %0, %1" : : "a"(value), "Nd"(port)); }

uint32_t in32(uint16_t port) {
    uint32_t value;
    asm volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

uint16_t vendor_at(Location at) { return static_cast<uint16_t>(read32(at, kIdOffset)); }
bool is_multi_function(Location at) { return (read32(at, kHeaderTypeOffset) >> 16) & 0x80; }
bool is_bridge(Location at) { return ((read32(at, kHeaderTypeOffset) >> 16) & 0x7F) == 1; }

// Depth-first over bus `bus` and the buses behind its bridges.
sys::Result<Location> scan_bus(uint8_t bus, uint16_t vendor, uint16_t device, uint32_t depth) {
    for (uint8_t slot = 0; slot < 32; ++slot) {
        if (vendor_at({bus, slot, 0}) == kNoVendor) continue;
        const uint8_t functions = is_multi_function({bus, slot, 0}) ? 8 : 1;
        for (uint8_t function = 0; function < functions; ++function) {
            const Location at{bus, slot, function};
            const uint32_t ids = read32(at, kIdOffset);
            if (static_cast<uint16_t>(ids) == kNoVendor) continue;
            if (static_cast<uint16_t>(ids) == vendor && (ids >> 16) == device) return at;
            if (!is_bridge(at) || depth >= 8) continue;
            const auto secondary = static_cast<uint8_t>(read32(at, kBridgeBusesOffset) >> 8);
            if (secondary == 0 || secondary <= bus) continue;  // unconfigured or looping bridge
            auto found = scan_bus(secondary, vendor, device, depth + 1);
            if (found.ok()) return found;
        }
    }
    return neurath::Error::NotFound;
}

}  // namespace

sys::Result<void> open_config_space() {
    if (config_space_open) return {};
    TRY(sys::io_port_enable(kConfigAddressPort, kConfigPortCount));
    config_space_open = true;
    return {};
}

uint32_t read32(Location at, uint8_t offset) {
    out32(kConfigAddressPort, config_address(at, offset));
    return in32(kConfigDataPort);
}

void write32(Location at, uint8_t offset, uint32_t value) {
    out32(kConfigAddressPort, config_address(at, offset));
    out32(kConfigDataPort, value);
}

void write_command(Location at, bool io_space, bool bus_master) {
    const uint32_t word = read32(at, kCommandOffset);
    uint16_t command = static_cast<uint16_t>(word);
    command = static_cast<uint16_t>(io_space ? command | kCommandIoSpace : command & ~kCommandIoSpace);
    command = static_cast<uint16_t>(bus_master ? command | kCommandBusMaster : command & ~kCommandBusMaster);
    write32(at, kCommandOffset, command);  // the status half is write-1-to-clear: leave it 0
}

sys::Result<Location> find_device(uint16_t vendor, uint16_t device) {
    TRY(open_config_space());
    return scan_bus(0, vendor, device, 0);
}

sys::Result<Resources> read_resources(Location at) {
    write_command(at, false, false);  // no decoding while BAR0 holds the probe value
    const uint32_t bar = read32(at, kBar0Offset);
    write32(at, kBar0Offset, 0xFFFFFFFFu);
    const uint32_t probe = read32(at, kBar0Offset);
    write32(at, kBar0Offset, bar);
    write_command(at, true, false);   // ports on; DMA only once the driver has reset the device
    return decode_resources(bar, probe, static_cast<uint8_t>(read32(at, kInterruptOffset)));
}

}  // namespace rs::pci
