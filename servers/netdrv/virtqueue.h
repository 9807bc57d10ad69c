// virtqueue.h — one split virtqueue in DMA memory, driven by netdrv: buffers
// are made available to the device one descriptor each (descriptor i always
// describes buffer i), and the device's used ring is read back in order.
//
// Entry points: netdrv::Virtqueue::{attach, post, next_used, size}.
// Invariants: only the driver writes descriptors and the available ring, only
// the device writes the used ring; an index published to the device is
// written after the entry it covers (release order), and used entries are
// read after the index that covers them (acquire order).
#pragma once

#include <sys/result.h>

#include "dma_arena.h"
#include "virtqueue_layout.h"

namespace netdrv {

class Virtqueue {
public:
    // `block` is zeroed DMA memory of at least legacy_layout(size).total_bytes.
    sys::Result<void> attach(uint16_t size, const DmaBlock& block);

    // Makes descriptor `index` available: buffer at `physical`, `length`
    // bytes, written by the device when `device_writes`.
    void post(uint16_t index, uint64_t physical, uint32_t length, bool device_writes);

    // The next buffer the device has finished with, if any.
    bool next_used(VirtqUsedElement& out);

    uint16_t size() const { return size_; }
    uint64_t physical() const { return physical_; }

private:
    volatile VirtqDescriptor* descriptors_ = nullptr;
    volatile uint16_t* avail_ = nullptr;    // [0] flags, [1] idx, [2..] ring
    volatile uint16_t* used_ = nullptr;     // [0] flags, [1] idx, then the elements
    uint64_t physical_ = 0;
    uint16_t size_ = 0;
    uint16_t avail_index_ = 0;
    uint16_t last_used_ = 0;
};

}  // namespace netdrv
