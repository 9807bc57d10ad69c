// address_space.h — one process's 4-level page tables.
//
// Entry points: kernel_space_init() (adopt the boot tables, drop the identity
// map), AddressSpace::create / destroy / frames_held, map_page, map_zeroed_range,
// unmap_range, widen_page, translate, is_mapped, is_device_page, activate,
// set_page_limit, user_pages; device pages lent between two spaces in a live
// update (address_space_loans.cpp): borrow_device_pages, set_borrowed,
// drop_borrowed.
// Invariants: PML4 slots 256..511 (the kernel: direct map and image) are
// shared by every space and supervisor-only; user pages live only in
// [kUserBase, kUserEnd) and are freed with the space. user_pages() counts the
// user pages mapped (the frames the process holds, page tables aside) and
// never exceeds a non-zero page limit: a map beyond it is -MemoryLimit. translate() checks
// present + user (+ writable) at every level, so it is the one gate for user
// pointers. A page marked borrowed (pte::kBorrowed) maps a frame another space
// owns: unmap_range and destroy never free it.
#pragma once

#include <stdint.h>

#include "core/result.h"

namespace kernel {

enum class Access : uint8_t { Read, Write };

class AddressSpace {
public:
    static Result<AddressSpace> create();
    void destroy();  // frees every user page and table, then the PML4
    // Frames this space holds: user pages, page tables and the PML4 (what
    // destroy() returns to the allocator).
    uint64_t frames_held() const;

    // Maps one 4 KiB user page. -AlreadyExists if mapped, -MemoryLimit past
    // the page limit, -NoMemory if a table cannot be allocated.
    Result<void> map_page(uint64_t vaddr, uint64_t physical, bool writable, bool executable);
    // Maps zeroed pages over [vaddr, vaddr+length) (page-aligned); on failure
    // nothing new stays mapped (-MemoryLimit before any frame is taken when
    // the range does not fit under the page limit).
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
    // A mapped page of device (DmaAlloc) memory: its device may still use it.
    bool is_device_page(uint64_t vaddr) const;

    // Maps every device page `owner` owns (not borrowed) in [vaddr, vaddr+length)
    // into this space at the same address, over the same frame, marked borrowed;
    // returns how many. -NotFound when there is none, -AlreadyExists when this
    // space has a page where one goes; on error nothing new stays mapped.
    Result<uint64_t> borrow_device_pages(const AddressSpace& owner, uint64_t vaddr, uint64_t length);
    // Marks (or unmarks) every device page in the window borrowed: ownership of
    // lent frames changes sides when the two processes swap roles.
    void set_borrowed(uint64_t vaddr, uint64_t length, bool borrowed);
    // Unmaps the borrowed pages of the window, freeing nothing (their owner ended).
    void drop_borrowed(uint64_t vaddr, uint64_t length);
    // The most user pages this space may hold at once; 0: no limit.
    void set_page_limit(uint64_t pages) { page_limit_ = pages; }
    uint64_t page_limit() const { return page_limit_; }
    uint64_t user_pages() const { return user_pages_; }

    void activate() const;
    uint64_t root() const { return pml4_; }
    bool valid() const { return pml4_ != 0; }

private:
    uint64_t* leaf_entry(uint64_t vaddr, bool create, Result<void>& status);
    bool fits_under_limit(uint64_t more_pages) const;
    void mark_device_page(uint64_t vaddr);
    uint64_t leaf_value(uint64_t vaddr) const;  // the page's table entry, 0 if none

    uint64_t pml4_ = 0;
    uint64_t user_pages_ = 0;
    uint64_t page_limit_ = 0;
};

void kernel_space_init();
uint64_t kernel_space_root();

}  // namespace kernel
