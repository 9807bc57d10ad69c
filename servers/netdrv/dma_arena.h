// dma_arena.h — netdrv's memory shared with the device: blocks of zeroed,
// physically contiguous pages from the DmaAlloc kernel call, placed one after
// the other in a virtual range of their own, each with its physical address.
//
// Entry points: netdrv::DmaArena::allocate, used, netdrv::DmaBlock.
// Invariant: every block lies in [kBase, kBase + kWindow), the window a live
// update hands to the new version as it is (update.cpp).
#pragma once

#include <sys/result.h>

namespace netdrv {

// One allocation: `memory` is netdrv's view, `physical` the device's.
struct DmaBlock {
    uint8_t* memory;
    uint64_t physical;
    uint64_t length;
};

class DmaArena {
public:
    static constexpr uint64_t kBase = 0x0000200000000000;  // 32 TiB: above the heap, below the stack
    static constexpr uint64_t kWindow = 4ull << 20;         // the DMA budget (2 MiB) and its guard pages fit

    // `length` rounded up to whole pages; the kernel's errors pass through
    // (NoMemory past the per-process DMA budget, or past the window).
    sys::Result<DmaBlock> allocate(uint64_t length);
    // Bytes of the window used so far, guard pages included.
    uint64_t used() const { return next_ - kBase; }

private:
    uint64_t next_ = kBase;
};

}  // namespace netdrv
