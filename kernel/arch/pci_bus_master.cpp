// pci_bus_master.cpp — stopping a device's DMA (see pci_bus_master.h), by
// configuration mechanism #1 (ports 0xCF8 address, 0xCFC data).
#include "arch/pci_bus_master.h"

#include "arch/cpu.h"

namespace kernel {
namespace {

constexpr uint16_t kConfigAddress = 0xCF8;
constexpr uint16_t kConfigData = 0xCFC;
constexpr uint32_t kCommandRegister = 0x04;
constexpr uint32_t kBusMaster = 1u << 2;

}  // namespace

void pci_stop_bus_mastering(uint32_t device) {
    const uint32_t saved = cpu::inl(kConfigAddress);
    cpu::outl(kConfigAddress, device | kCommandRegister);
    const uint32_t command = cpu::inl(kConfigData) & 0xFFFFu;  // status bits are write-1-to-clear: write 0s
    cpu::outl(kConfigData, command & ~kBusMaster);
    cpu::outl(kConfigAddress, saved);
}

}  // namespace kernel
