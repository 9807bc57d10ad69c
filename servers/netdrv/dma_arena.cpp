// dma_arena.cpp — DMA blocks from the DmaAlloc kernel call (see dma_arena.h).
#include "dma_arena.h"

#include <sys/kcall.h>

namespace netdrv {

sys::Result<DmaBlock> DmaArena::allocate(uint64_t length) {
    constexpr uint64_t kPage = 4096;
    const uint64_t rounded = (length + kPage - 1) & ~(kPage - 1);
    if (rounded > kBase + kWindow - next_) return neurath::Error::NoMemory;
    auto* memory = reinterpret_cast<uint8_t*>(next_);
    const uint64_t physical = TRY(sys::dma_alloc(memory, rounded));
    next_ += rounded + kPage;  // an unmapped page between blocks catches overruns
    return DmaBlock{memory, physical, rounded};
}

}  // namespace netdrv
