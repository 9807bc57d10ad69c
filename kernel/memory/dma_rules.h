// dma_rules.h — the checks of DmaAlloc (kernel/syscalls/dma_alloc.cpp): a
// page-aligned window in the user range, bounded per call and per process;
// and of DmaInherit's window (kernel/syscalls/dma_inherit.cpp).
// Pure logic, unit-tested on the host (tests/unit/kernel/dma_rules_test.cpp).
//
// Entry points: check_dma_request, check_dma_inherit_window, DmaRequest.
#pragma once

#include <stdint.h>

#include "core/result.h"

namespace kernel {

struct DmaRequest {
    uint64_t address;  // user virtual address, page-aligned
    uint64_t pages;    // frames to allocate, physically contiguous
};

// -InvalidArgument: empty, unaligned or longer than kDmaMaxLength;
// -BadAddress: outside the user range; -NoMemory: the process would hold
// more than kDmaMaxTotal bytes of DMA memory (`pages_held` it has already).
Result<DmaRequest> check_dma_request(uint64_t address, uint64_t length, uint64_t pages_held);

// -InvalidArgument: empty, unaligned or longer than kDmaInheritMaxLength;
// -BadAddress: outside the user range. `pages` is the window's length in pages.
Result<DmaRequest> check_dma_inherit_window(uint64_t address, uint64_t length);

}  // namespace kernel
