// heap.h — the user-space heap: a first-fit allocator with boundary tags and
// coalescing over one contiguous arena that grows on demand, plus large
// blocks that are returned to the kernel when they are freed.
//
// sys::HeapArena is the allocator itself; it asks a GrowFunction to make
// more memory usable at the arena's end (MapAnonymous on the target, a
// reserved host buffer in unit tests). On the target, malloc/free/calloc/
// realloc/aligned_alloc and operator new/delete (incl. sized and array forms)
// use one process-wide arena at kHeapBase in one of kHeapBanks heap banks.
//
// Heap banks: a process's heap (arena and large blocks) lies in one of
// kHeapBanks banks, kHeapBankStride apart from kHeapBase. The new version of
// a live update takes a bank its old version does not use (select_heap_bank,
// before the first allocation: libsys_start), so the old version's heap is
// free in the new one and the transfer can re-create an object at the very
// address it had (address-preserving transfer, libupdate's pinned heap).
// Objects kept at their address stay there in later versions, so a bank's
// first page is a header (HeapBankHeader) naming, besides the bank itself,
// the banks where the process holds such objects (note_pinned_page, as an
// update maps them); the next version takes the first bank after the old
// one that is in neither, and refuses to start when every bank is taken.
//
// Returning memory: a request of kLargeThreshold bytes or more (when the
// arena is given a large region) is not carved from the arena but gets its
// own whole pages in [kLargeBase, kLargeLimit) (sys::LargeBlocks); free
// unmaps them (Unmap), realloc shrinks or grows them in place by whole pages
// where it can and otherwise moves them, also across the threshold in either
// direction. The arena itself never shrinks: small blocks are reused, not
// returned. aligned_alloc with an alignment above 16 always uses the arena.
//
// Invariants: every arena block is 16-byte aligned, carries its size and
// in-use bit in a header and a matching footer; no two free blocks are
// adjacent; large blocks keep theirs (large_blocks.h). release() of a
// pointer that is neither a live arena block nor a live large block is
// detected and changes nothing.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <sys/large_blocks.h>
#include <sys/result.h>

namespace sys {

inline constexpr uint64_t kHeapBase = 0x0000100000000000ULL;   // 16 TiB
inline constexpr uint64_t kHeapLimit = 0x0000100000000000ULL + (1ULL << 32);  // 4 GiB of heap
inline constexpr uint64_t kHeapGrowStep = 64 * 1024;
inline constexpr uint64_t kLargeBase = kHeapLimit;                    // right above the arena
inline constexpr uint64_t kLargeLimit = kLargeBase + (1ULL << 36);    // 64 GiB of large blocks
inline constexpr size_t kLargeThreshold = 64 * 1024;                  // requests this big get own pages
inline constexpr uint64_t kHeapBankStride = 1ULL << 37;               // 128 GiB apart, from 16 TiB
inline constexpr unsigned kHeapBanks = 8;
static_assert(kLargeLimit - kHeapBase <= kHeapBankStride, "a heap bank holds its arena and large blocks");
// The first page of the bank a process's heap lives in; the arena follows it.
struct HeapBankHeader {
    uint64_t magic;         // kHeapBankMagic
    uint64_t pinned_banks;  // bit n: the process holds objects kept at their address in bank n
};
inline constexpr uint64_t kHeapBankMagic = 0x4b4e414250414548ULL;  // "HEAPBANK"
inline constexpr uint64_t kHeapBankHeaderSize = 4096;

struct HeapStats {
    size_t arena_bytes;      // memory obtained from the grow function
    size_t used_bytes;       // payload bytes in live allocations (incl. rounding)
    size_t live_allocations; // arena and large blocks
    size_t free_blocks;      // in the arena
    size_t large_bytes;      // pages mapped for live large blocks
};

class HeapArena {
public:
    // grow(context, address, length): make [address, address+length) usable.
    using GrowFunction = Result<void> (*)(void* context, uintptr_t address, size_t length);

    HeapArena(uintptr_t base, uintptr_t limit, GrowFunction grow, void* context);
    // The same, with large blocks (kLargeThreshold and up) in `large`.
    HeapArena(uintptr_t base, uintptr_t limit, GrowFunction grow, void* context, const LargeBlocks& large);

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
    // invariant, then the large blocks; used by tests and debugging.
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
    void* allocate_in_arena(size_t size);
    bool owns_in_arena(const void* pointer) const;
    bool release_in_arena(void* pointer);
    void* move(void* pointer, size_t old_payload, size_t size);

    uintptr_t base_;
    uintptr_t end_;
    uintptr_t limit_;
    GrowFunction grow_;
    void* context_;
    Block* free_list_ = nullptr;
    size_t live_allocations_ = 0;
    size_t used_bytes_ = 0;
    LargeBlocks large_;
};

// The bank for the new version of a live update whose old version's heap is
// in `old_bank` and keeps objects at their address in `pinned_banks` (bit n:
// bank n): the first bank after old_bank in neither; kHeapBanks if none is.
unsigned next_heap_bank(unsigned old_bank, uint64_t pinned_banks);

// The process heap (target only), in the bank chosen before it was first used.
HeapArena& process_heap();

// The bank (0..kHeapBanks-1) for the process heap; only before its first
// allocation (later calls change nothing and return false).
bool select_heap_bank(unsigned bank);
unsigned heap_bank();
// Records in the heap's bank header that the page at `address` holds
// objects kept at an old version's address (the pinned heap maps it).
void note_pinned_page(uint64_t address);

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
