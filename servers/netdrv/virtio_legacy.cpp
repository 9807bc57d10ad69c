// virtio_legacy.cpp — port I/O on the device's register block (see
// virtio_legacy.h). The ports are open only after IoPortEnable on the window
// rs gave netdrv; anything else faults.
#include "virtio_legacy.h"

namespace netdrv {

uint8_t VirtioPorts::read8(uint16_t offset) const {
    uint8_t value;
    asm volatile("inb %1, %0" : "=a"(value) : "Nd"(static_cast<uint16_t>(base_ + offset)));
    return value;
}

uint16_t VirtioPorts::read16(uint16_t offset) const {
    uint16_t value;
    asm volatile("inw %1, %0" : "=a"(value) : "Nd"(static_cast<uint16_t>(base_ + offset)));
    return value;
}

uint32_t VirtioPorts::read32(uint16_t offset) const {
    uint32_t value;
    asm volatile("inl %1, %0" : "=a"(value) : "Nd"(static_cast<uint16_t>(base_ + offset)));
    return value;
}

void VirtioPorts::write8(uint16_t offset, uint8_t value) const {
    asm volatile("outb %0, %1" : : "a"(value), "Nd"(static_cast<uint16_t>(base_ + offset)));
}

void VirtioPorts::write16(uint16_t offset, uint16_t value) const {
    asm volatile("outw %0, %1" : : "a"(value), "Nd"(static_cast<uint16_t>(base_ + offset)));
}

void VirtioPorts::write32(uint16_t offset, uint32_t value) const {
    asm volatile("outl %0, %1" : : "a"(value), "Nd"(static_cast<uint16_t>(base_ + offset)));
}

}  // namespace netdrv
