// dma_rules.cpp — DmaAlloc's argument and budget checks (see dma_rules.h).
#include "memory/dma_rules.h"

#include <neurath/syscall.h>

#include "memory/paging.h"

namespace kernel {

Result<DmaRequest> check_dma_request(uint64_t address, uint64_t length, uint64_t pages_held) {
    if (length == 0 || length > neurath::kDmaMaxLength) return Error::InvalidArgument;
    if (!is_page_aligned(address) || !is_page_aligned(length)) return Error::InvalidArgument;
    if (!is_user_range(address, length)) return Error::BadAddress;
    const uint64_t pages = length / kPageSize;
    if (pages_held * kPageSize + length > neurath::kDmaMaxTotal) return Error::NoMemory;
    return DmaRequest{address, pages};
}

Result<DmaRequest> check_dma_inherit_window(uint64_t address, uint64_t length) {
    if (length == 0 || length > neurath::kDmaInheritMaxLength) return Error::InvalidArgument;
    if (!is_page_aligned(address) || !is_page_aligned(length)) return Error::InvalidArgument;
    if (!is_user_range(address, length)) return Error::BadAddress;
    return DmaRequest{address, length / kPageSize};
}

}  // namespace kernel
