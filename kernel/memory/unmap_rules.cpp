// unmap_rules.cpp — Unmap's argument checks (see unmap_rules.h).
#include "memory/unmap_rules.h"

#include "memory/paging.h"

namespace kernel {

Result<UnmapRequest> check_unmap_request(uint64_t address, uint64_t length) {
    if (length == 0 || length > kMaxUnmapLength) return Error::InvalidArgument;
    if (!is_page_aligned(address) || !is_page_aligned(length)) return Error::InvalidArgument;
    if (!is_user_range(address, length)) return Error::BadAddress;
    return UnmapRequest{address, length};
}

}  // namespace kernel
