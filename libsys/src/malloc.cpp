// malloc.cpp — the process heap (sys::process_heap) at sys::kHeapBase (in
// the heap bank select_heap_bank chose),
// growing through MapAnonymous, with large blocks at sys::kLargeBase mapped
// through MapAnonymous and given back through Unmap when they are freed, and
// the C and C++ allocation entry points
// on top of it: malloc, free, calloc, realloc, aligned_alloc and every
// operator new/delete form (plain, array, sized, aligned, nothrow).
// Allocation failure in operator new ends the process with a message
// (there are no exceptions); freeing a foreign or already freed pointer (or
// a large block whose pages the kernel would not take back) is logged and
// otherwise ignored.
#include <sys/heap.h>
#include <sys/kcall.h>
#include <sys/stdio.h>

namespace std {
enum class align_val_t : size_t {};
struct nothrow_t {
    explicit nothrow_t() = default;
};
extern const nothrow_t nothrow;
const nothrow_t nothrow{};
}  // namespace std

namespace sys {
namespace {

Result<void> map_heap_pages(void*, uintptr_t start, size_t length) { return map_anonymous(start, length); }
Result<void> unmap_heap_pages(void*, uintptr_t start, size_t length) { return unmap(start, length); }

alignas(HeapArena) unsigned char heap_storage[sizeof(HeapArena)];
bool heap_ready = false;
unsigned heap_bank_in_use = 0;
HeapBankHeader* bank_header = nullptr;  // null if its page could not be mapped

void* checked(void* pointer) {
    if (pointer) return pointer;
    static const char message[] = "libsys: out of memory in operator new\n";
    debug_write(message, sizeof message - 1);
    exit(126);
}

}  // namespace

// Constructed on first use so allocation works before and during global
// constructors: the bank's header page, then the arena after it.
HeapArena& process_heap() {
    if (!heap_ready) {
        const uint64_t offset = heap_bank_in_use * kHeapBankStride;
        if (map_anonymous(kHeapBase + offset, kHeapBankHeaderSize).ok()) {
            bank_header = reinterpret_cast<HeapBankHeader*>(kHeapBase + offset);
            *bank_header = HeapBankHeader{kHeapBankMagic, 0};
        }
        const LargeBlocks large(kLargeBase + offset, kLargeLimit + offset, map_heap_pages, unmap_heap_pages, nullptr);
        new (heap_storage)
            HeapArena(kHeapBase + offset + kHeapBankHeaderSize, kHeapLimit + offset, map_heap_pages, nullptr, large);
        heap_ready = true;
    }
    return *reinterpret_cast<HeapArena*>(heap_storage);
}

bool select_heap_bank(unsigned bank) {
    if (heap_ready || bank >= kHeapBanks) return false;
    heap_bank_in_use = bank;
    return true;
}

unsigned heap_bank() { return heap_bank_in_use; }

void note_pinned_page(uint64_t address) {
    (void)process_heap();
    if (bank_header == nullptr || address < kHeapBase) return;
    const uint64_t bank = (address - kHeapBase) / kHeapBankStride;
    if (bank < kHeapBanks) bank_header->pinned_banks |= 1ULL << bank;
}

}  // namespace sys

extern "C" {
void* malloc(size_t size) { return sys::process_heap().allocate(size); }
void free(void* pointer) {
    if (!sys::process_heap().release(pointer)) {
        sys::log("libsys: free refused: %p is not a live allocation (or its pages could not be unmapped)\n", pointer);
    }
}
void* calloc(size_t count, size_t size) { return sys::process_heap().allocate_zeroed(count, size); }
void* realloc(void* pointer, size_t size) { return sys::process_heap().reallocate(pointer, size); }
void* aligned_alloc(size_t alignment, size_t size) { return sys::process_heap().allocate_aligned(size, alignment); }
}

void* operator new(size_t size) { return sys::checked(malloc(size)); }
void* operator new[](size_t size) { return sys::checked(malloc(size)); }
void* operator new(size_t size, const std::nothrow_t&) noexcept { return malloc(size); }
void* operator new[](size_t size, const std::nothrow_t&) noexcept { return malloc(size); }
void* operator new(size_t size, std::align_val_t alignment) {
    return sys::checked(aligned_alloc(static_cast<size_t>(alignment), size));
}
void* operator new[](size_t size, std::align_val_t alignment) {
    return sys::checked(aligned_alloc(static_cast<size_t>(alignment), size));
}

void operator delete(void* pointer) noexcept { free(pointer); }
void operator delete[](void* pointer) noexcept { free(pointer); }
void operator delete(void* pointer, size_t) noexcept { free(pointer); }
void operator delete[](void* pointer, size_t) noexcept { free(pointer); }
void operator delete(void* pointer, std::align_val_t) noexcept { free(pointer); }
void operator delete[](void* pointer, std::align_val_t) noexcept { free(pointer); }
void operator delete(void* pointer, size_t, std::align_val_t) noexcept { free(pointer); }
void operator delete[](void* pointer, size_t, std::align_val_t) noexcept { free(pointer); }
