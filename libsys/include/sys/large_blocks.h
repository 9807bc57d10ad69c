// large_blocks.h — the heap's large allocations: each one gets its own run
// of whole pages in a region of its own, mapped when it is allocated and
// unmapped (returned to the kernel) when it is freed or shrunk.
//
// sys::LargeBlocks keeps the live blocks in a list sorted by address; a new
// block takes the first gap between them that fits, so the addresses (and
// the kernel's page tables behind them) are reused. Every block starts with
// a 32-byte header (tag, length, list links); the payload follows it.
// Entry points: allocate, release, resize, owns_live, usable_size,
// mapped_bytes, live_blocks, check_consistency.
//
// Invariants: blocks are page-aligned, lie inside [base, limit), do not
// overlap, are listed in address order, and every page of a listed block is
// mapped; nothing outside the listed blocks is mapped. A pointer is only
// ever read through after it has been found in the list, so a foreign or
// already freed pointer (whose pages may be gone) is refused without
// touching it.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <sys/result.h>

namespace sys {

inline constexpr size_t kLargeHeaderSize = 32;

class LargeBlocks {
public:
    // map/unmap(context, address, length): page-aligned ranges of the region.
    using PageFunction = Result<void> (*)(void* context, uintptr_t address, size_t length);

    LargeBlocks() = default;
    LargeBlocks(uintptr_t base, uintptr_t limit, PageFunction map, PageFunction unmap, void* context);

    bool enabled() const { return map_ != nullptr; }
    bool in_region(const void* pointer) const;

    void* allocate(size_t size);
    // Frees a live block and unmaps its pages. False (nothing changed) for a
    // pointer that is not a live block, or when the kernel refuses the unmap.
    bool release(void* pointer);
    // Grows or shrinks a live block in place (whole pages mapped at its end
    // when the next gap allows, or unmapped from its end); false if it
    // cannot, leaving the block as it was.
    bool resize(void* pointer, size_t size);
    bool owns_live(const void* pointer) const;
    size_t usable_size(const void* pointer) const;

    size_t mapped_bytes() const { return mapped_bytes_; }
    size_t live_blocks() const { return live_blocks_; }
    bool check_consistency() const;

private:
    struct Header;
    Header* find(const void* pointer) const;
    uintptr_t find_gap(size_t length, Header*& before) const;
    uintptr_t room_after(const Header* header) const;
    void link(Header* header, Header* before);
    void unlink(Header* header);

    uintptr_t base_ = 0;
    uintptr_t limit_ = 0;
    PageFunction map_ = nullptr;
    PageFunction unmap_ = nullptr;
    void* context_ = nullptr;
    Header* first_ = nullptr;
    size_t mapped_bytes_ = 0;
    size_t live_blocks_ = 0;
};

}  // namespace sys
