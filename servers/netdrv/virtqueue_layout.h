// virtqueue_layout.h — the split virtqueue as the virtio 1.x specification
// lays it out for the legacy interface: descriptor table, available ring and
// (on the next 4096-byte boundary) used ring, in one physically contiguous
// block whose page frame number the driver writes to the device. Pure
// definitions, unit-tested on the host (tests/unit/netdrv).
//
// Entry points: netdrv::legacy_layout, VirtqDescriptor, VirtqUsedElement,
// the descriptor flags.
#pragma once

#include <stdint.h>

namespace netdrv {

inline constexpr uint64_t kLegacyQueueAlign = 4096;

struct VirtqDescriptor {
    uint64_t address;   // physical
    uint32_t length;
    uint16_t flags;
    uint16_t next;
};
static_assert(sizeof(VirtqDescriptor) == 16);

inline constexpr uint16_t kDescriptorNext = 1;   // chained to `next`
inline constexpr uint16_t kDescriptorWrite = 2;  // the device writes the buffer (receive)

struct VirtqUsedElement {
    uint32_t id;        // head descriptor of the used chain
    uint32_t length;    // bytes the device wrote
};
static_assert(sizeof(VirtqUsedElement) == 8);

struct QueueLayout {
    uint64_t avail_offset;  // flags, idx, ring[size], used_event (16-bit each)
    uint64_t used_offset;   // flags, idx, ring[size] of VirtqUsedElement, avail_event
    uint64_t total_bytes;
};

constexpr uint64_t align_up(uint64_t value, uint64_t alignment) { return (value + alignment - 1) & ~(alignment - 1); }

constexpr QueueLayout legacy_layout(uint16_t size) {
    const uint64_t avail = uint64_t{16} * size;
    const uint64_t used = align_up(avail + 6 + uint64_t{2} * size, kLegacyQueueAlign);
    return QueueLayout{avail, used, align_up(used + 6 + uint64_t{8} * size, kLegacyQueueAlign)};
}

}  // namespace netdrv
