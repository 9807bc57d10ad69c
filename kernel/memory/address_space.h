// address_space.h — one process's 4-level page tables.
//
// Entry points: kernel_space_init() (adopt the boot tables, drop the identity
// map), AddressSpace::create / destroy, map_page, map_zeroed_range,
// unmap_range, widen_page, translate, is_mapped, activate.
// Invariants: PML4 slots 256..511 (the kernel: direct map and image) are
// shared by every space and supervisor-only; user pages live only in
// [kUserBase, kUserEnd) and are freed with the space. translate() checks
// present + user (+ writable) at every level, so it is the one gate for user
// pointers.
#pragma once

#include <stdint.h>

#include "core/result.h"

namespace kernel {

enum class Access : uint8_t { Read, Write };

class AddressSpace {
public:
    static Result<AddressSpace> create();
    void destroy();  // frees every user page and table, then the PML4

    // Maps one 4 KiB user page. -AlreadyExists if mapped, -NoMemory if a table
    // cannot be allocated.
    Result<void> map_page(uint64_t vaddr, uint64_t physical, bool writable, bool executable);
    // Maps zeroed pages over [vaddr, vaddr+length) (page-aligned); on failure
    // nothing new stays mapped.
    Result<void> map_zeroed_range(uint64_t vaddr, uint64_t length, bool writable, bool executable);
    // Maps `pages` zeroed, writable pages at vaddr backed by physically
    // consecutive frames (DMA memory) and returns the first frame's physical
    // address; on failure nothing new stays mapped.
    Result<uint64_t> map_contiguous_range(uint64_t vaddr, uint64_t pages);
    void unmap_range(uint64_t vaddr, uint64_t length);
    // Adds write and/or execute permission to a mapped user page (never removes any).
    Result<void> widen_page(uint64_t vaddr, bool writable, bool executable);

    // Physical address behind a user virtual address, or -BadAddress.
    Result<uint64_t> translate(uint64_t vaddr, Access access) const;
    bool is_mapped(uint64_t vaddr) const;

    void activate() const;
    uint64_t root() const { return pml4_; }
    bool valid() const { return pml4_ != 0; }

private:
    uint64_t* leaf_entry(uint64_t vaddr, bool create, Result<void>& status);
    uint64_t pml4_ = 0;
};

void kernel_space_init();
uint64_t kernel_space_root();

}  // namespace kernel
