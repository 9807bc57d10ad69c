// heap_arena.cpp — first-fit heap with coalescing (see heap_arena.h).
//
// Entry points: HeapArena methods.
#include "memory/heap_arena.h"

namespace kernel {
namespace {
constexpr size_t kAlign = 16;
constexpr size_t kMinimumSplit = 64;
}  // namespace

void HeapArena::init(void* base, size_t size) {
    auto address = reinterpret_cast<uintptr_t>(base);
    uintptr_t aligned = (address + kAlign - 1) & ~(uintptr_t{kAlign} - 1);
    base_ = reinterpret_cast<uint8_t*>(aligned);
    size_ = (size - (aligned - address)) & ~(size_t{kAlign} - 1);
    auto* first = reinterpret_cast<Block*>(base_);
    first->size = size_;
    first->state = kFree;
}

HeapArena::Block* HeapArena::next(Block* block) const {
    uint8_t* following = reinterpret_cast<uint8_t*>(block) + block->size;
    return following < base_ + size_ ? reinterpret_cast<Block*>(following) : nullptr;
}

void HeapArena::merge_following_free(Block* block) {
    for (Block* following = next(block); following != nullptr && following->state == kFree; following = next(block)) {
        block->size += following->size;
    }
}

void* HeapArena::allocate(size_t size) {
    if (size == 0 || size > size_) return nullptr;
    size_t needed = (size + sizeof(Block) + kAlign - 1) & ~(size_t{kAlign} - 1);
    for (Block* block = reinterpret_cast<Block*>(base_); block != nullptr; block = next(block)) {
        if (block->state != kFree) continue;
        merge_following_free(block);
        if (block->size < needed) continue;
        if (block->size - needed >= kMinimumSplit) {
            auto* rest = reinterpret_cast<Block*>(reinterpret_cast<uint8_t*>(block) + needed);
            rest->size = block->size - needed;
            rest->state = kFree;
            block->size = needed;
        }
        block->state = kUsed;
        return block + 1;
    }
    return nullptr;
}

bool HeapArena::release(void* pointer) {
    auto* bytes = static_cast<uint8_t*>(pointer);
    if (bytes < base_ + sizeof(Block) || bytes >= base_ + size_) return false;
    Block* target = reinterpret_cast<Block*>(bytes) - 1;
    Block* previous = nullptr;
    for (Block* block = reinterpret_cast<Block*>(base_); block != nullptr; previous = block, block = next(block)) {
        if (block != target) continue;
        if (block->state != kUsed) return false;
        block->state = kFree;
        merge_following_free(block);
        if (previous != nullptr && previous->state == kFree) merge_following_free(previous);
        return true;
    }
    return false;  // not the start of a block
}

size_t HeapArena::bytes_free() const {
    size_t total = 0;
    for (Block* block = reinterpret_cast<Block*>(base_); block != nullptr; block = next(block)) {
        if (block->state == kFree) total += block->size - sizeof(Block);
    }
    return total;
}

}  // namespace kernel
