// shared_range.h — memory a new version maps at the same address, over the
// same physical pages, as the old version it replaces: a driver's DMA memory,
// which the kernel lends the new version during the update (DmaInherit) because
// the device keeps using it. The transfer neither copies nor moves it: a
// pointer into a shared range keeps its value, and the state check accepts it.
// A program declares its ranges in its UpdatePolicy (TransferHooks).
//
// Entry points: SharedRange, in_shared_range(ranges, count, address).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace libupdate {

struct SharedRange {
    uint64_t start;
    uint64_t length;
};

// Whether `address` lies in one of the ranges or just past one (an end pointer).
inline bool in_shared_range(const SharedRange* ranges, size_t count, uint64_t address) {
    for (size_t i = 0; i < count; ++i)
        if (address >= ranges[i].start && address - ranges[i].start <= ranges[i].length) return true;
    return false;
}

}  // namespace libupdate
