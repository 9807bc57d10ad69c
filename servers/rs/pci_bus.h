// pci_bus.h — rs's access to PCI configuration space (ports 0xCF8/0xCFC,
// opened once with IoPortEnable) and the bus scan that finds a device by its
// vendor and device id, following PCI-to-PCI bridges from bus 0.
//
// rs is the only process that touches configuration space: one port pair
// reaches every device, so a driver holding it could reprogram any device;
// drivers get only their own device's I/O window and IRQ line (device_claims.h).
//
// Entry points: rs::pci::open_config_space, read32, write_command, find_device.
#pragma once

#include "pci_config.h"

namespace rs::pci {

// Enables rs's access to ports 0xCF8..0xCFF (idempotent).
sys::Result<void> open_config_space();
uint32_t read32(Location at, uint8_t offset);
void write32(Location at, uint8_t offset, uint32_t value);
// Sets the command register's I/O-space and bus-master bits as given.
void write_command(Location at, bool io_space, bool bus_master);

// The first function with these ids; NotFound when the machine has none.
sys::Result<Location> find_device(uint16_t vendor, uint16_t device);
// BAR0 and the interrupt line of a found device (decode_resources); leaves
// its I/O space on and bus mastering (DMA) off.
sys::Result<Resources> read_resources(Location at);

}  // namespace rs::pci
