// pci_config.h — PCI configuration space as rs reads it (the PCI Local Bus
// specification's type-0 header): where a register is, how the legacy
// mechanism #1 addresses it through ports 0xCF8/0xCFC, and how an I/O BAR and
// the interrupt line become the resources a driver is given. Pure logic,
// unit-tested on the host (tests/unit/rs/pci_config_test.cpp); the port
// accesses are in pci_bus.cpp.
//
// Entry points: rs::pci::config_address, decode_resources, Location,
// Resources, the register offsets.
#pragma once

#include <neurath/error.h>
#include <stdint.h>
#include <sys/result.h>

namespace rs::pci {

inline constexpr uint16_t kConfigAddressPort = 0xCF8;
inline constexpr uint16_t kConfigDataPort = 0xCFC;
inline constexpr uint16_t kConfigPortCount = 8;  // 0xCF8..0xCFF

inline constexpr uint8_t kIdOffset = 0x00;          // vendor (low 16 bits), device (high 16 bits)
inline constexpr uint8_t kCommandOffset = 0x04;     // command (low 16 bits), status (high)
inline constexpr uint8_t kClassOffset = 0x08;       // revision, prog-if, subclass, class (high byte)
inline constexpr uint8_t kHeaderTypeOffset = 0x0C;  // header type in bits 16..23
inline constexpr uint8_t kBar0Offset = 0x10;
inline constexpr uint8_t kBridgeBusesOffset = 0x18; // type-1 header: secondary bus in bits 8..15
inline constexpr uint8_t kInterruptOffset = 0x3C;   // interrupt line in the low byte

inline constexpr uint16_t kCommandIoSpace = 1u << 0;
inline constexpr uint16_t kCommandBusMaster = 1u << 2;
inline constexpr uint16_t kNoVendor = 0xFFFF;
inline constexpr uint32_t kMaxIoBarSize = 256;      // the largest I/O BAR the spec allows

struct Location {
    uint8_t bus;
    uint8_t slot;      // 0..31
    uint8_t function;  // 0..7
};

// What a driver is given: its device's I/O window and IRQ line.
struct Resources {
    uint32_t io_base;
    uint32_t io_size;
    uint8_t irq;
};

// The value written to 0xCF8 to reach the 32-bit register at `offset`.
constexpr uint32_t config_address(Location at, uint8_t offset) {
    return 0x80000000u | (uint32_t{at.bus} << 16) | (uint32_t{at.slot & 31u} << 11) |
           (uint32_t{at.function & 7u} << 8) | (offset & 0xFCu);
}

// BAR0's value, BAR0 read back after writing all ones (the size probe) and
// the interrupt line register -> the driver's resources. InvalidArgument
// when BAR0 is not an assigned I/O BAR of at most 256 ports or the firmware
// routed no usable IRQ line (0xFF, 0, 2 or above 15).
inline sys::Result<Resources> decode_resources(uint32_t bar, uint32_t bar_probe, uint8_t interrupt_line) {
    if ((bar & 1u) == 0 || (bar_probe & 1u) == 0) return neurath::Error::InvalidArgument;
    const uint32_t base = bar & 0xFFFCu;
    const uint32_t size = (~(bar_probe & 0xFFFCu) & 0xFFFFu) + 1;
    if (base == 0 || size > kMaxIoBarSize || base + size > 0x10000u) return neurath::Error::InvalidArgument;
    if (interrupt_line == 0 || interrupt_line == 2 || interrupt_line > 15) return neurath::Error::InvalidArgument;
    return Resources{base, size, interrupt_line};
}

}  // namespace rs::pci
