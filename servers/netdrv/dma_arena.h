// dma_arena.h — netdrv's memory shared with the device: blocks of zeroed,
// physically contiguous pages from the DmaAlloc kernel call, placed one after
// the other in a virtual range of their own, each with its physical address.
//
// Entry points: netdrv::DmaArena::allocate, netdrv::DmaBlock.
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

    // `length` rounded up to whole pages; the kernel's errors pass through
    // (NoMemory past the per-process DMA budget).
    sys::Result<DmaBlock> allocate(uint64_t length);

private:
    uint64_t next_ = kBase;
};

}  // namespace netdrv
