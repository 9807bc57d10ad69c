// address_space_loans.cpp — device pages lent from one address space to
// another during a live update (DmaInherit): the new version of a driver maps
// the frames its old version's device keeps using, at the same addresses,
// without owning them until the commit hands them over.
//
// Entry points: AddressSpace::borrow_device_pages, set_borrowed,
// drop_borrowed (see address_space.h).
#include "arch/cpu.h"
#include "memory/address_space.h"
#include "memory/paging.h"
#include "memory/physical_memory.h"

namespace kernel {
namespace {

constexpr uint64_t kLentFlags = pte::kPresent | pte::kDeviceMemory;

bool is_owned_device_page(uint64_t entry) {
    return entry_has(entry, kLentFlags) && !(entry & pte::kBorrowed);
}

}  // namespace

uint64_t AddressSpace::leaf_value(uint64_t vaddr) const {
    uint64_t table_physical = pml4_;
    for (unsigned level = 4; level >= 1; --level) {
        const uint64_t entry = reinterpret_cast<const uint64_t*>(phys_to_virt(table_physical))[table_index(level, vaddr)];
        if (!(entry & pte::kPresent)) return 0;
        if (level == 1) return entry;
        table_physical = entry_address(entry);
    }
    return 0;
}

Result<uint64_t> AddressSpace::borrow_device_pages(const AddressSpace& owner, uint64_t vaddr, uint64_t length) {
    uint64_t pages = 0;
    for (uint64_t offset = 0; offset < length; offset += kPageSize) {
        if (!is_owned_device_page(owner.leaf_value(vaddr + offset))) continue;
        if (is_mapped(vaddr + offset)) return Error::AlreadyExists;
        ++pages;
    }
    if (pages == 0) return Error::NotFound;
    for (uint64_t offset = 0; offset < length; offset += kPageSize) {
        const uint64_t lent = owner.leaf_value(vaddr + offset);
        if (!is_owned_device_page(lent)) continue;
        Result<void> mapped = map_page(vaddr + offset, entry_address(lent), true, false);
        if (mapped.is_error()) {
            drop_borrowed(vaddr, offset);
            return mapped.error();
        }
        Result<void> status;
        *leaf_entry(vaddr + offset, false, status) |= pte::kDeviceMemory | pte::kBorrowed;
    }
    return pages;
}

void AddressSpace::set_borrowed(uint64_t vaddr, uint64_t length, bool borrowed) {
    for (uint64_t offset = 0; offset < length; offset += kPageSize) {
        Result<void> status;
        uint64_t* entry = leaf_entry(vaddr + offset, false, status);
        if (entry == nullptr || !entry_has(*entry, kLentFlags)) continue;
        *entry = borrowed ? (*entry | pte::kBorrowed) : (*entry & ~pte::kBorrowed);
    }
}

void AddressSpace::drop_borrowed(uint64_t vaddr, uint64_t length) {
    for (uint64_t offset = 0; offset < length; offset += kPageSize) {
        Result<void> status;
        uint64_t* entry = leaf_entry(vaddr + offset, false, status);
        if (entry == nullptr || !entry_has(*entry, pte::kPresent | pte::kBorrowed)) continue;
        *entry = 0;
        --user_pages_;
        cpu::invalidate_page(vaddr + offset);
    }
}

}  // namespace kernel
