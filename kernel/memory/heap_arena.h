// heap_arena.h — a first-fit heap over one contiguous byte region, with block
// splitting and coalescing. Pure logic (host-testable); the kernel heap
// (heap.h) places one arena on frames taken at boot.
//
// Entry points: HeapArena::init, allocate, release, bytes_free.
// Invariants: blocks tile the region in address order; each block has a
// 16-byte header; returned pointers are 16-byte aligned; releasing a pointer
// that is not a live allocation is detected and ignored (returns false);
// release merges a freed block with free neighbours on both sides.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace kernel {

class HeapArena {
public:
    void init(void* base, size_t size);
    void* allocate(size_t size);
    bool release(void* pointer);
    size_t bytes_free() const;

private:
    struct Block {
        uint64_t size;   // bytes including this header
        uint64_t state;  // kFree or kUsed (a magic value, to catch bad frees)
    };
    static constexpr uint64_t kFree = 0xF4EEB10CF4EEB10Cull;
    static constexpr uint64_t kUsed = 0x05EDB10C05EDB10Cull;

    Block* next(Block* block) const;
    void merge_following_free(Block* block);

    uint8_t* base_ = nullptr;
    size_t size_ = 0;
};

}  // namespace kernel
