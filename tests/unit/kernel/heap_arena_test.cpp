// heap_arena_test.cpp — the kernel heap's first-fit arena.
#include "memory/heap_arena.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

using kernel::HeapArena;

namespace {

struct Arena {
    explicit Arena(size_t size) : storage(size) { arena.init(storage.data(), size); }
    std::vector<uint8_t> storage;
    HeapArena arena;
};

TEST(HeapArena, ReturnsAlignedDisjointBlocks) {
    Arena a(4096);
    auto* x = static_cast<uint8_t*>(a.arena.allocate(10));
    auto* y = static_cast<uint8_t*>(a.arena.allocate(100));
    ASSERT_NE(x, nullptr);
    ASSERT_NE(y, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(x) % 16, 0u);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(y) % 16, 0u);
    EXPECT_TRUE(x + 10 <= y || y + 100 <= x);
}

TEST(HeapArena, FreeingEverythingCoalescesBackToOneBlock) {
    Arena a(8192);
    size_t initial = a.arena.bytes_free();
    std::vector<void*> blocks;
    for (int i = 0; i < 20; ++i) blocks.push_back(a.arena.allocate(100 + i));
    for (size_t i = 0; i < blocks.size(); i += 2) EXPECT_TRUE(a.arena.release(blocks[i]));
    for (size_t i = 1; i < blocks.size(); i += 2) EXPECT_TRUE(a.arena.release(blocks[i]));
    EXPECT_EQ(a.arena.bytes_free(), initial);
    EXPECT_NE(a.arena.allocate(initial - 64), nullptr);  // one big block exists again
}

TEST(HeapArena, ExhaustionReturnsNull) {
    Arena a(1024);
    EXPECT_EQ(a.arena.allocate(4096), nullptr);
    EXPECT_EQ(a.arena.allocate(0), nullptr);
}

TEST(HeapArena, BadAndDoubleReleasesAreRejected) {
    Arena a(1024);
    void* p = a.arena.allocate(32);
    int outside = 0;
    EXPECT_FALSE(a.arena.release(&outside));
    EXPECT_TRUE(a.arena.release(p));
    EXPECT_FALSE(a.arena.release(p));
}

}  // namespace
