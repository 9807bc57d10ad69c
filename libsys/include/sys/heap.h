// heap.h — the user-space heap: a first-fit allocator with boundary tags and
// coalescing over one contiguous arena that grows on demand.
//
// sys::HeapArena is the allocator itself; it asks a GrowFunction to make
// more memory usable at the arena's end (MapAnonymous on the target, a
// reserved host buffer in unit tests). On the target, malloc/free/calloc/
// realloc/aligned_alloc and operator new/delete (incl. sized and array forms)
// use one process-wide arena at kHeapBase.
//
// Invariants: every block is 16-byte aligned, carries its size and in-use bit
// in a header and a matching footer; no two free blocks are adjacent.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <sys/result.h>

namespace sys {

inline constexpr uint64_t kHeapBase = 0x0000100000000000ULL;   // 16 TiB
inline constexpr uint64_t kHeapLimit = 0x0000100000000000ULL + (1ULL << 32);  // 4 GiB of heap
inline constexpr uint64_t kHeapGrowStep = 64 * 1024;

struct HeapStats {
    size_t arena_bytes;      // memory obtained from the grow function
    size_t used_bytes;       // payload bytes in live allocations (incl. rounding)
    size_t live_allocations;
    size_t free_blocks;
};

class HeapArena {
public:
    // grow(context, address, length): make [address, address+length) usable.
    using GrowFunction = Result<void> (*)(void* context, uintptr_t address, size_t length);

    HeapArena(uintptr_t base, uintptr_t limit, GrowFunction grow, void* context);

    void* allocate(size_t size);
    void* allocate_aligned(size_t size, size_t alignment);
    void* allocate_zeroed(size_t count, size_t size);
    void* reallocate(void* pointer, size_t size);
    // Frees a live allocation. A pointer this arena did not hand out, or one
    // already freed, is detected (bounds, alignment, header/footer tags),
    // left alone and reported by returning false.
    bool release(void* pointer);
    bool owns_live(const void* pointer) const;

    // Usable payload size of a live allocation.
    size_t usable_size(const void* pointer) const;
    HeapStats stats() const;
    // Walks the arena and checks every header/footer pair and the coalescing
    // invariant; used by tests and debugging.
    bool check_consistency() const;

private:
    struct Block;
    bool initialise();
    Block* find_free(size_t block_size) const;
    Block* extend(size_t block_size);
    void split(Block* block, size_t block_size);
    Block* coalesce(Block* block);
    void link_free(Block* block);
    void unlink_free(Block* block);
    Block* previous_of(Block* block) const;
    void* take(Block* block, size_t block_size);

    uintptr_t base_;
    uintptr_t end_;
    uintptr_t limit_;
    GrowFunction grow_;
    void* context_;
    Block* free_list_ = nullptr;
    size_t live_allocations_ = 0;
    size_t used_bytes_ = 0;
};

// The process heap (target only).
HeapArena& process_heap();

}  // namespace sys

#if __has_include(<stdlib.h>)
#include <stdlib.h>
#else
extern "C" {
void* malloc(size_t size);
void free(void* pointer);
void* calloc(size_t count, size_t size);
void* realloc(void* pointer, size_t size);
void* aligned_alloc(size_t alignment, size_t size);
}
#endif
