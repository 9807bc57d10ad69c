// heap.cpp — sys::HeapArena: first-fit allocation with boundary tags, an
// explicit doubly linked free list and immediate coalescing.
//
// Arena layout:  [prologue footer][block][block]...[epilogue header]
// Every block starts with an 8-byte header (size | used bit) and ends with an
// identical footer; payloads are 16-byte aligned. The prologue and epilogue
// are zero-sized "used" tags, so coalescing never runs off either end.
// Growing maps more memory at the end: the old epilogue becomes the header of
// a new free block, which is coalesced with a free predecessor.
// Requests of kLargeThreshold bytes and more go to the LargeBlocks region
// when the arena has one (large_blocks.cpp); every entry point below first
// decides which of the two owns a pointer.
// next_heap_bank is the bank choice of an update's new version (heap.h).
#include <sys/cstring.h>
#include <sys/heap.h>

namespace sys {

struct HeapArena::Block {
    uint64_t tag;         // size in bytes (multiple of 16) | kUsed
    Block* next_free;     // valid while free
    Block* previous_free; // valid while free

    static constexpr uint64_t kUsed = 1;
    uint64_t size() const { return tag & ~uint64_t{15}; }
    bool used() const { return (tag & kUsed) != 0; }
    uint64_t* footer() { return reinterpret_cast<uint64_t*>(reinterpret_cast<uint8_t*>(this) + size() - 8); }
    void set(uint64_t size, bool used) {
        tag = size | (used ? kUsed : 0);
        *footer() = tag;
    }
    void* payload() { return reinterpret_cast<uint8_t*>(this) + 8; }
    Block* next() { return reinterpret_cast<Block*>(reinterpret_cast<uint8_t*>(this) + size()); }
    static Block* of(const void* payload) {
        return reinterpret_cast<Block*>(reinterpret_cast<uintptr_t>(payload) - 8);
    }
};

namespace {
constexpr size_t kAlignment = 16;
constexpr size_t kOverhead = 16;   // header + footer
constexpr size_t kMinimumBlock = 32;
constexpr size_t kMaximumRequest = size_t{1} << 40;

size_t block_size_for(size_t payload) {
    const size_t size = align_up(payload + kOverhead, kAlignment);
    return size < kMinimumBlock ? kMinimumBlock : size;
}
}  // namespace

HeapArena::HeapArena(uintptr_t base, uintptr_t limit, GrowFunction grow, void* context)
    : base_(align_up(base, kAlignment)), end_(align_up(base, kAlignment)), limit_(limit), grow_(grow),
      context_(context) {}

HeapArena::HeapArena(uintptr_t base, uintptr_t limit, GrowFunction grow, void* context, const LargeBlocks& large)
    : HeapArena(base, limit, grow, context) {
    large_ = large;
}

// Maps the first step and writes the prologue footer and epilogue header.
bool HeapArena::initialise() {
    const size_t step = kHeapGrowStep;
    if (base_ + step > limit_ || grow_(context_, base_, step).is_error()) return false;
    end_ = base_ + step;
    *reinterpret_cast<uint64_t*>(base_) = Block::kUsed;  // the prologue: a used, empty block's footer
    auto* first = reinterpret_cast<Block*>(base_ + 8);
    first->set(step - kOverhead, false);
    *reinterpret_cast<uint64_t*>(end_ - 8) = Block::kUsed;
    link_free(first);
    return true;
}

void HeapArena::link_free(Block* block) {
    block->previous_free = nullptr;
    block->next_free = free_list_;
    if (free_list_) free_list_->previous_free = block;
    free_list_ = block;
}

void HeapArena::unlink_free(Block* block) {
    if (block->previous_free) block->previous_free->next_free = block->next_free;
    else free_list_ = block->next_free;
    if (block->next_free) block->next_free->previous_free = block->previous_free;
}

HeapArena::Block* HeapArena::previous_of(Block* block) const {
    const uint64_t previous_tag = *reinterpret_cast<uint64_t*>(reinterpret_cast<uintptr_t>(block) - 8);
    const uint64_t size = previous_tag & ~uint64_t{15};
    if (size == 0) return nullptr;  // prologue
    return reinterpret_cast<Block*>(reinterpret_cast<uintptr_t>(block) - size);
}

HeapArena::Block* HeapArena::find_free(size_t block_size) const {
    for (Block* block = free_list_; block; block = block->next_free) {
        if (block->size() >= block_size) return block;
    }
    return nullptr;
}

// Merges a free (unlinked) block with free neighbours; returns the merged block, still unlinked.
HeapArena::Block* HeapArena::coalesce(Block* block) {
    Block* next = block->next();
    if (!next->used() && next->size() != 0) {
        unlink_free(next);
        block->set(block->size() + next->size(), false);
    }
    Block* previous = previous_of(block);
    if (previous && !previous->used()) {
        unlink_free(previous);
        previous->set(previous->size() + block->size(), false);
        block = previous;
    }
    return block;
}

HeapArena::Block* HeapArena::extend(size_t block_size) {
    const size_t step = align_up(block_size + kOverhead, kHeapGrowStep);
    if (end_ + step > limit_ || end_ + step < end_) return nullptr;
    if (grow_(context_, end_, step).is_error()) return nullptr;
    auto* block = reinterpret_cast<Block*>(end_ - 8);  // the old epilogue
    end_ += step;
    block->set(step, false);
    *reinterpret_cast<uint64_t*>(end_ - 8) = Block::kUsed;
    block = coalesce(block);
    link_free(block);
    return block;
}

// Cuts `block` (used) down to block_size and frees the tail if it is big enough.
void HeapArena::split(Block* block, size_t block_size) {
    const size_t remainder = block->size() - block_size;
    if (remainder < kMinimumBlock) return;
    block->set(block_size, true);
    Block* tail = block->next();
    tail->set(remainder, false);
    tail = coalesce(tail);
    link_free(tail);
}

void* HeapArena::take(Block* block, size_t block_size) {
    unlink_free(block);
    block->set(block->size(), true);
    split(block, block_size);
    ++live_allocations_;
    used_bytes_ += block->size() - kOverhead;
    return block->payload();
}

void* HeapArena::allocate(size_t size) {
    if (size >= kLargeThreshold && large_.enabled()) {
        void* pointer = large_.allocate(size);
        if (pointer) {
            ++live_allocations_;
            used_bytes_ += large_.usable_size(pointer);
        }
        return pointer;
    }
    return allocate_in_arena(size);
}

void* HeapArena::allocate_in_arena(size_t size) {
    if (size > kMaximumRequest) return nullptr;
    if (end_ == base_ && !initialise()) return nullptr;
    const size_t block_size = block_size_for(size == 0 ? 1 : size);
    Block* block = find_free(block_size);
    if (!block) block = extend(block_size);
    if (!block) return nullptr;
    return take(block, block_size);
}

void* HeapArena::allocate_aligned(size_t size, size_t alignment) {
    if (alignment == 0 || (alignment & (alignment - 1)) != 0) return nullptr;
    if (alignment <= kAlignment) return allocate(size);
    if (size > kMaximumRequest) return nullptr;
    void* raw = allocate_in_arena(size + alignment + kMinimumBlock);
    if (!raw) return nullptr;
    const uintptr_t aligned = align_up(reinterpret_cast<uintptr_t>(raw) + kMinimumBlock, alignment);
    const size_t gap = aligned - reinterpret_cast<uintptr_t>(raw);
    Block* front = Block::of(raw);
    const size_t total = front->size();
    used_bytes_ -= total - kOverhead;
    Block* block = Block::of(reinterpret_cast<void*>(aligned));
    block->set(total - gap, true);
    front->set(gap, false);
    link_free(coalesce(front));
    split(block, block_size_for(size));
    used_bytes_ += block->size() - kOverhead;
    return reinterpret_cast<void*>(aligned);
}

void* HeapArena::allocate_zeroed(size_t count, size_t size) {
    if (size != 0 && count > kMaximumRequest / size) return nullptr;
    void* pointer = allocate(count * size);
    if (pointer) str::memset(pointer, 0, count * size);
    return pointer;
}

// A large block stays large (resized in place by whole pages when it can)
// unless the new size falls below the threshold; an arena block grows into a
// large one once the new size reaches it.
void* HeapArena::reallocate(void* pointer, size_t size) {
    if (!pointer) return allocate(size);
    if (!owns_live(pointer)) return nullptr;
    if (size == 0) {
        (void)release(pointer);
        return nullptr;
    }
    if (size > kMaximumRequest) return nullptr;
    const size_t old_payload = usable_size(pointer);
    if (large_.owns_live(pointer)) {
        if (size >= kLargeThreshold && large_.resize(pointer, size)) {
            used_bytes_ = used_bytes_ - old_payload + large_.usable_size(pointer);
            return pointer;
        }
        return move(pointer, old_payload, size);
    }
    if (block_size_for(size) <= old_payload + kOverhead) return pointer;
    return move(pointer, old_payload, size);
}

// A new allocation of `size` takes the contents (as much as fits); the old one is freed.
void* HeapArena::move(void* pointer, size_t old_payload, size_t size) {
    void* fresh = allocate(size);
    if (!fresh) return nullptr;
    str::memcpy(fresh, pointer, old_payload < size ? old_payload : size);
    if (!release(pointer)) {
        (void)release(fresh);
        return nullptr;
    }
    return fresh;
}

bool HeapArena::owns_live(const void* pointer) const {
    return large_.in_region(pointer) ? large_.owns_live(pointer) : owns_in_arena(pointer);
}

bool HeapArena::owns_in_arena(const void* pointer) const {
    const auto address = reinterpret_cast<uintptr_t>(pointer);
    if (end_ == base_ || address % kAlignment != 0) return false;
    if (address < base_ + 16 || address + kMinimumBlock - 8 > end_ - 8) return false;
    Block* block = Block::of(pointer);
    const uint64_t size = block->size();
    if (!block->used() || size < kMinimumBlock || size > end_ - 8 - (address - 8)) return false;
    return *block->footer() == block->tag;
}

bool HeapArena::release(void* pointer) {
    if (!pointer) return true;
    if (!large_.in_region(pointer)) return release_in_arena(pointer);
    const size_t payload = large_.usable_size(pointer);
    if (!large_.release(pointer)) return false;
    --live_allocations_;
    used_bytes_ -= payload;
    return true;
}

bool HeapArena::release_in_arena(void* pointer) {
    if (!owns_in_arena(pointer)) return false;
    Block* block = Block::of(pointer);
    --live_allocations_;
    used_bytes_ -= block->size() - kOverhead;
    block->set(block->size(), false);
    link_free(coalesce(block));
    return true;
}

size_t HeapArena::usable_size(const void* pointer) const {
    if (large_.in_region(pointer)) return large_.usable_size(pointer);
    return pointer ? Block::of(pointer)->size() - kOverhead : 0;
}

HeapStats HeapArena::stats() const {
    HeapStats stats{end_ - base_, used_bytes_, live_allocations_, 0, large_.mapped_bytes()};
    for (Block* block = free_list_; block; block = block->next_free) ++stats.free_blocks;
    return stats;
}

bool HeapArena::check_consistency() const {
    if (!large_.check_consistency()) return false;
    if (end_ == base_) return true;
    size_t free_seen = 0;
    bool previous_free = false;
    auto* block = reinterpret_cast<Block*>(base_ + 8);
    while (reinterpret_cast<uintptr_t>(block) < end_ - 8) {
        const uint64_t size = block->size();
        if (size < kMinimumBlock || reinterpret_cast<uintptr_t>(block) + size > end_ - 8) return false;
        if (*block->footer() != block->tag) return false;
        if (!block->used()) {
            if (previous_free) return false;  // two adjacent free blocks
            ++free_seen;
        }
        previous_free = !block->used();
        block = block->next();
    }
    if (reinterpret_cast<uintptr_t>(block) != end_ - 8) return false;
    size_t listed = 0;
    for (Block* free_block = free_list_; free_block; free_block = free_block->next_free) {
        if (free_block->used()) return false;
        ++listed;
    }
    return listed == free_seen;
}

unsigned next_heap_bank(unsigned old_bank, uint64_t pinned_banks) {
    for (unsigned step = 1; step < kHeapBanks; ++step) {
        const unsigned candidate = (old_bank + step) % kHeapBanks;
        if (((pinned_banks >> candidate) & 1) == 0) return candidate;
    }
    return kHeapBanks;
}

}  // namespace sys
