// pci_bus_master.h — the one thing the kernel does in PCI configuration
// space: stop a device's bus mastering (DMA) when the driver that ran it
// ends, before the driver's memory, which the device may still be writing,
// goes back to the frame allocator. Discovery and everything else is rs's
// (servers/rs/pci_bus.cpp).
//
// Entry point: pci_stop_bus_mastering(config_address).
#pragma once

#include <stdint.h>

namespace kernel {

// `device`: the configuration address of the function (Privileges::pci_device).
// Clears the command register's bus-master bit; the address register rs may
// have been using is restored, so an interrupted rs access is not disturbed.
void pci_stop_bus_mastering(uint32_t device);

}  // namespace kernel
