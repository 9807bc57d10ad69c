// virtio_legacy.h — the legacy (virtio 0.9.5 / "transitional") PCI register
// block of a virtio device in its I/O BAR, as the virtio 1.x specification
// describes the legacy interface, and the virtio-net bits netdrv uses.
//
// Entry points: netdrv::VirtioPorts (register access through in/out on the
// ports the manifest gave netdrv), the register offsets and feature bits.
#pragma once

#include <stdint.h>

namespace netdrv {

namespace legacy {
inline constexpr uint16_t kDeviceFeatures = 0x00;  // 32-bit, read
inline constexpr uint16_t kDriverFeatures = 0x04;  // 32-bit, write
inline constexpr uint16_t kQueueAddress = 0x08;    // 32-bit: physical address >> 12
inline constexpr uint16_t kQueueSize = 0x0C;       // 16-bit, read
inline constexpr uint16_t kQueueSelect = 0x0E;     // 16-bit
inline constexpr uint16_t kQueueNotify = 0x10;     // 16-bit: the queue index
inline constexpr uint16_t kDeviceStatus = 0x12;    // 8-bit; 0 resets the device
inline constexpr uint16_t kIsrStatus = 0x13;       // 8-bit; reading acknowledges the interrupt
inline constexpr uint16_t kNetMac = 0x14;          // virtio-net config (no MSI-X): 6 bytes of MAC
inline constexpr uint16_t kNetStatus = 0x1A;       // 16-bit: bit 0 link up (with kFeatureNetStatus)
inline constexpr uint16_t kRegisterBytes = 0x1C;   // the BAR must cover at least this
}  // namespace legacy

inline constexpr uint8_t kStatusAcknowledge = 1;
inline constexpr uint8_t kStatusDriver = 2;
inline constexpr uint8_t kStatusDriverOk = 4;
inline constexpr uint8_t kStatusFailed = 128;

inline constexpr uint8_t kIsrQueue = 1;
inline constexpr uint8_t kIsrConfig = 2;

inline constexpr uint32_t kFeatureNetMac = 1u << 5;
inline constexpr uint32_t kFeatureNetStatus = 1u << 16;
inline constexpr uint32_t kFeatureAnyLayout = 1u << 27;  // header and frame may share a buffer

inline constexpr uint16_t kReceiveQueue = 0;
inline constexpr uint16_t kTransmitQueue = 1;

// virtio_net_hdr without mergeable receive buffers (legacy): flags,
// gso_type, hdr_len, gso_size, csum_start, csum_offset. netdrv asks for no
// offloads, so it sends it zeroed and skips it on receive.
inline constexpr uint32_t kNetHeaderBytes = 10;

class VirtioPorts {
public:
    VirtioPorts() = default;
    explicit VirtioPorts(uint16_t base) : base_(base) {}

    uint8_t read8(uint16_t offset) const;
    uint16_t read16(uint16_t offset) const;
    uint32_t read32(uint16_t offset) const;
    void write8(uint16_t offset, uint8_t value) const;
    void write16(uint16_t offset, uint16_t value) const;
    void write32(uint16_t offset, uint32_t value) const;

private:
    uint16_t base_ = 0;
};

}  // namespace netdrv
