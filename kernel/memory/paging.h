// paging.h — x86_64 4-level paging constants and pure helpers: table indices
// of a virtual address, page-table entry encoding, the user address range and
// the kernel's direct map of physical memory.
//
// Entry points: table_index(level, vaddr), make_entry, entry_address,
// is_user_range, page_round_up/down, kUserBase/kUserEnd, kDirectMapBase.
// Pure constexpr logic, compiled in the kernel and the host tests.
#pragma once

#include <stdint.h>

namespace kernel {

inline constexpr uint64_t kPageSize = 4096;
inline constexpr uint64_t kUserBase = 0x400000;
// Exclusive. The top page of the lower half is never user memory: a `syscall`
// in it could return to the first non-canonical address, where iretq faults
// in kernel mode.
inline constexpr uint64_t kUserEnd = 0x00007FFFFFFFF000;
inline constexpr uint64_t kCanonicalLowerEnd = 0x0000800000000000;
inline constexpr uint64_t kUserStackTop = 0x00007FFFFFFFF000;
inline constexpr uint64_t kUserStackSize = 256 * 1024;
inline constexpr uint64_t kDirectMapBase = 0xFFFF800000000000;
inline constexpr uint64_t kDirectMapSize = 4ull << 30;  // first 4 GiB of physical memory
inline constexpr uint64_t kKernelBase = 0xFFFFFFFF80000000;
inline constexpr unsigned kFirstKernelPml4Slot = 256;

namespace pte {
inline constexpr uint64_t kPresent = 1ull << 0;
inline constexpr uint64_t kWritable = 1ull << 1;
inline constexpr uint64_t kUser = 1ull << 2;
inline constexpr uint64_t kHuge = 1ull << 7;
inline constexpr uint64_t kDeviceMemory = 1ull << 9;  // software bit: a DmaAlloc page (Unmap refuses it)
// Software bit: the frame belongs to another process's space (DmaInherit during
// a live update); this space maps it but never frees it.
inline constexpr uint64_t kBorrowed = 1ull << 10;
inline constexpr uint64_t kNoExecute = 1ull << 63;
inline constexpr uint64_t kAddressMask = 0x000FFFFFFFFFF000ull;
}  // namespace pte

// level 4 = PML4, 3 = PDPT, 2 = PD, 1 = PT.
constexpr unsigned table_index(unsigned level, uint64_t vaddr) {
    return static_cast<unsigned>((vaddr >> (12 + 9 * (level - 1))) & 0x1FF);
}
constexpr uint64_t make_entry(uint64_t physical, uint64_t flags) { return (physical & pte::kAddressMask) | flags; }
constexpr uint64_t entry_address(uint64_t entry) { return entry & pte::kAddressMask; }
constexpr bool entry_has(uint64_t entry, uint64_t flags) { return (entry & flags) == flags; }

constexpr uint64_t page_round_down(uint64_t value) { return value & ~(kPageSize - 1); }
constexpr uint64_t page_round_up(uint64_t value) { return (value + kPageSize - 1) & ~(kPageSize - 1); }
constexpr bool is_page_aligned(uint64_t value) { return (value & (kPageSize - 1)) == 0; }

// True when [address, address+length) lies inside the user range (no overflow).
constexpr bool is_user_range(uint64_t address, uint64_t length) {
    if (address < kUserBase || address >= kUserEnd) return false;
    return length <= kUserEnd - address;
}

}  // namespace kernel
