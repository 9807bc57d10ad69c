// unmap_rules.h — the argument checks of Unmap (kernel/syscalls/unmap.cpp):
// a non-empty, page-aligned window inside the user range. Pure logic,
// unit-tested on the host (tests/unit/kernel/unmap_rules_test.cpp); whether
// every page of the window is mapped is checked against the address space
// by the call itself.
//
// Entry points: check_unmap_request, UnmapRequest, kMaxUnmapLength.
#pragma once

#include <stdint.h>

#include "core/result.h"

namespace kernel {

inline constexpr uint64_t kMaxUnmapLength = 1ull << 30;  // one call, like MapAnonymous

struct UnmapRequest {
    uint64_t address;  // user virtual address, page-aligned
    uint64_t length;   // bytes, page-aligned, > 0
};

// -InvalidArgument: empty, unaligned or longer than kMaxUnmapLength;
// -BadAddress: outside the user range.
Result<UnmapRequest> check_unmap_request(uint64_t address, uint64_t length);

}  // namespace kernel
