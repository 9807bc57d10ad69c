// address_space.cpp — page-table construction, walking and teardown.
//
// Entry points: see address_space.h.
#include "memory/address_space.h"

#include "arch/cpu.h"
#include "core/string.h"
#include "memory/paging.h"
#include "memory/physical_memory.h"

namespace kernel {
namespace {

uint64_t kernel_pml4_physical = 0;

uint64_t* table_at(uint64_t physical) { return reinterpret_cast<uint64_t*>(phys_to_virt(physical)); }

constexpr uint64_t kTableFlags = pte::kPresent | pte::kWritable | pte::kUser;

void free_table_tree(uint64_t table_physical, unsigned level) {
    uint64_t* table = table_at(table_physical);
    for (unsigned i = 0; i < 512; ++i) {
        if (!(table[i] & pte::kPresent)) continue;
        if (level > 1) {
            free_table_tree(entry_address(table[i]), level - 1);
        } else if (!(table[i] & pte::kBorrowed)) {  // a borrowed frame is its owner's to free
            frame_release(entry_address(table[i]));
        }
    }
    frame_release(table_physical);
}

uint64_t count_table_tree(uint64_t table_physical, unsigned level) {
    const uint64_t* table = table_at(table_physical);
    uint64_t frames = 1;  // the table itself
    for (unsigned i = 0; i < 512; ++i) {
        if (!(table[i] & pte::kPresent)) continue;
        frames += level > 1 ? count_table_tree(entry_address(table[i]), level - 1) : 1;
    }
    return frames;
}

}  // namespace

void kernel_space_init() {
    kernel_pml4_physical = cpu::read_cr3() & pte::kAddressMask;
    table_at(kernel_pml4_physical)[0] = 0;  // the identity map was only needed for the jump
    cpu::write_cr3(kernel_pml4_physical);
}

uint64_t kernel_space_root() { return kernel_pml4_physical; }

Result<AddressSpace> AddressSpace::create() {
    AddressSpace space;
    space.pml4_ = TRY(frame_allocate_zeroed());
    uint64_t* table = table_at(space.pml4_);
    const uint64_t* kernel_table = table_at(kernel_pml4_physical);
    for (unsigned i = kFirstKernelPml4Slot; i < 512; ++i) table[i] = kernel_table[i];
    return space;
}

void AddressSpace::destroy() {
    if (pml4_ == 0) return;
    uint64_t* table = table_at(pml4_);
    for (unsigned i = 0; i < kFirstKernelPml4Slot; ++i) {
        if (table[i] & pte::kPresent) free_table_tree(entry_address(table[i]), 3);
    }
    if ((cpu::read_cr3() & pte::kAddressMask) == pml4_) cpu::write_cr3(kernel_pml4_physical);
    frame_release(pml4_);
    pml4_ = 0;
    user_pages_ = 0;
}

bool AddressSpace::fits_under_limit(uint64_t more_pages) const {
    return page_limit_ == 0 || (user_pages_ <= page_limit_ && more_pages <= page_limit_ - user_pages_);
}

uint64_t AddressSpace::frames_held() const {
    if (pml4_ == 0) return 0;
    const uint64_t* table = table_at(pml4_);
    uint64_t frames = 1;
    for (unsigned i = 0; i < kFirstKernelPml4Slot; ++i) {
        if (table[i] & pte::kPresent) frames += count_table_tree(entry_address(table[i]), 3);
    }
    return frames;
}

uint64_t* AddressSpace::leaf_entry(uint64_t vaddr, bool create, Result<void>& status) {
    uint64_t table_physical = pml4_;
    for (unsigned level = 4; level > 1; --level) {
        uint64_t& entry = table_at(table_physical)[table_index(level, vaddr)];
        if (!(entry & pte::kPresent)) {
            if (!create) return nullptr;
            Result<uint64_t> fresh = frame_allocate_zeroed();
            if (fresh.is_error()) {
                status = fresh.error();
                return nullptr;
            }
            entry = make_entry(fresh.value(), kTableFlags);
        }
        table_physical = entry_address(entry);
    }
    return &table_at(table_physical)[table_index(1, vaddr)];
}

Result<void> AddressSpace::map_page(uint64_t vaddr, uint64_t physical, bool writable, bool executable) {
    if (!is_user_range(vaddr, kPageSize) || !is_page_aligned(vaddr)) return Error::BadAddress;
    Result<void> status;
    uint64_t* entry = leaf_entry(vaddr, true, status);
    if (entry == nullptr) return status.is_error() ? status : Result<void>(Error::NoMemory);
    if (*entry & pte::kPresent) return Error::AlreadyExists;
    if (!fits_under_limit(1)) return Error::MemoryLimit;
    uint64_t flags = pte::kPresent | pte::kUser | (writable ? pte::kWritable : 0) | (executable ? 0 : pte::kNoExecute);
    *entry = make_entry(physical, flags);
    ++user_pages_;
    return {};
}

Result<void> AddressSpace::map_zeroed_range(uint64_t vaddr, uint64_t length, bool writable, bool executable) {
    if (!is_page_aligned(vaddr) || !is_page_aligned(length) || !is_user_range(vaddr, length)) return Error::BadAddress;
    for (uint64_t offset = 0; offset < length; offset += kPageSize) {
        if (is_mapped(vaddr + offset)) return Error::AlreadyExists;
    }
    if (!fits_under_limit(length / kPageSize)) return Error::MemoryLimit;
    for (uint64_t offset = 0; offset < length; offset += kPageSize) {
        Result<uint64_t> frame = frame_allocate_zeroed();
        Result<void> mapped = frame.is_error() ? Result<void>(frame.error())
                                               : map_page(vaddr + offset, frame.value(), writable, executable);
        if (mapped.is_error()) {
            if (frame.ok()) frame_release(frame.value());
            unmap_range(vaddr, offset);
            return mapped.error();
        }
    }
    return {};
}

Result<uint64_t> AddressSpace::map_contiguous_range(uint64_t vaddr, uint64_t pages) {
    if (!is_page_aligned(vaddr) || pages == 0 || !is_user_range(vaddr, pages * kPageSize)) return Error::BadAddress;
    for (uint64_t page = 0; page < pages; ++page) {
        if (is_mapped(vaddr + page * kPageSize)) return Error::AlreadyExists;
    }
    const uint64_t physical = TRY(frame_allocate_contiguous_zeroed(pages));
    for (uint64_t page = 0; page < pages; ++page) {
        Result<void> mapped = map_page(vaddr + page * kPageSize, physical + page * kPageSize, true, false);
        if (mapped.ok()) mark_device_page(vaddr + page * kPageSize);
        if (mapped.is_error()) {
            unmap_range(vaddr, page * kPageSize);  // releases the frames mapped so far
            for (uint64_t rest = page; rest < pages; ++rest) frame_release(physical + rest * kPageSize);
            return mapped.error();
        }
    }
    return physical;
}

void AddressSpace::unmap_range(uint64_t vaddr, uint64_t length) {
    for (uint64_t offset = 0; offset < length; offset += kPageSize) {
        Result<void> status;
        uint64_t* entry = leaf_entry(vaddr + offset, false, status);
        if (entry == nullptr || !(*entry & pte::kPresent)) continue;
        if (!(*entry & pte::kBorrowed)) frame_release(entry_address(*entry));
        *entry = 0;
        --user_pages_;
        cpu::invalidate_page(vaddr + offset);
    }
}

void AddressSpace::mark_device_page(uint64_t vaddr) {
    Result<void> status;
    uint64_t* entry = leaf_entry(vaddr, false, status);
    if (entry != nullptr && (*entry & pte::kPresent)) *entry |= pte::kDeviceMemory;
}

bool AddressSpace::is_device_page(uint64_t vaddr) const {
    uint64_t table_physical = pml4_;
    for (unsigned level = 4; level >= 1; --level) {
        uint64_t entry = table_at(table_physical)[table_index(level, vaddr)];
        if (!(entry & pte::kPresent)) return false;
        if (level == 1) return (entry & pte::kDeviceMemory) != 0;
        table_physical = entry_address(entry);
    }
    return false;
}

Result<void> AddressSpace::widen_page(uint64_t vaddr, bool writable, bool executable) {
    Result<void> status;
    uint64_t* entry = leaf_entry(vaddr, false, status);
    if (entry == nullptr || !(*entry & pte::kPresent)) return Error::BadAddress;
    if (writable) *entry |= pte::kWritable;
    if (executable) *entry &= ~pte::kNoExecute;
    cpu::invalidate_page(vaddr);
    return {};
}

Result<uint64_t> AddressSpace::translate(uint64_t vaddr, Access access) const {
    if (!is_user_range(vaddr, 1) || pml4_ == 0) return Error::BadAddress;
    uint64_t required = pte::kPresent | pte::kUser | (access == Access::Write ? pte::kWritable : 0);
    uint64_t table_physical = pml4_;
    for (unsigned level = 4; level >= 1; --level) {
        uint64_t entry = table_at(table_physical)[table_index(level, vaddr)];
        if (!entry_has(entry, required)) return Error::BadAddress;
        table_physical = entry_address(entry);
    }
    return table_physical + (vaddr & (kPageSize - 1));
}

bool AddressSpace::is_mapped(uint64_t vaddr) const {
    uint64_t table_physical = pml4_;
    for (unsigned level = 4; level >= 1; --level) {
        uint64_t entry = table_at(table_physical)[table_index(level, vaddr)];
        if (!(entry & pte::kPresent)) return false;
        table_physical = entry_address(entry);
    }
    return true;
}

void AddressSpace::activate() const {
    uint64_t root = pml4_ != 0 ? pml4_ : kernel_pml4_physical;
    if ((cpu::read_cr3() & pte::kAddressMask) != root) cpu::write_cr3(root);
}

}  // namespace kernel
