// heap_test.cpp — sys::HeapArena over a host buffer: alignment, reuse,
// coalescing, growth, limits and a randomized stress run checked against
// the arena's own consistency walk and per-allocation fill patterns.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/heap.h>

#include <cstring>
#include <map>
#include <random>
#include <vector>

namespace {

// Hands out a reserved host buffer to the arena, like MapAnonymous would.
struct FakeMemory {
    static constexpr size_t kSize = 8 * 1024 * 1024;
    uint8_t* buffer = static_cast<uint8_t*>(aligned_alloc(4096, kSize));
    uintptr_t mapped_end = reinterpret_cast<uintptr_t>(buffer);
    int grow_calls = 0;
    bool refuse = false;

    ~FakeMemory() { free(buffer); }
    uintptr_t base() const { return reinterpret_cast<uintptr_t>(buffer); }

    static sys::Result<void> grow(void* context, uintptr_t address, size_t length) {
        auto* self = static_cast<FakeMemory*>(context);
        if (self->refuse) return neurath::Error::NoMemory;
        EXPECT_EQ(address, self->mapped_end) << "the arena must grow contiguously";
        self->mapped_end = address + length;
        self->grow_calls++;
        std::memset(reinterpret_cast<void*>(address), 0x5A, length);  // dirty, unlike MapAnonymous
        return {};
    }
};

struct HeapTest : ::testing::Test {
    FakeMemory memory;
    sys::HeapArena heap{memory.base(), memory.base() + FakeMemory::kSize, FakeMemory::grow, &memory};
};

}  // namespace

TEST_F(HeapTest, AllocationsAreAlignedDistinctAndUsable) {
    std::vector<void*> blocks;
    for (size_t size : {1, 7, 16, 17, 100, 4096, 70000}) {
        void* p = heap.allocate(size);
        ASSERT_NE(p, nullptr);
        EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 16, 0u);
        EXPECT_GE(heap.usable_size(p), size);
        std::memset(p, 0xCC, size);
        blocks.push_back(p);
    }
    EXPECT_TRUE(heap.check_consistency());
    EXPECT_EQ(heap.stats().live_allocations, blocks.size());
    for (void* p : blocks) heap.release(p);
    EXPECT_EQ(heap.stats().live_allocations, 0u);
    EXPECT_EQ(heap.stats().used_bytes, 0u);
    EXPECT_TRUE(heap.check_consistency());
}

TEST_F(HeapTest, FreedNeighboursCoalesceIntoOneBlock) {
    void* a = heap.allocate(64);
    void* b = heap.allocate(64);
    void* c = heap.allocate(64);
    heap.release(a);
    heap.release(c);
    heap.release(b);
    EXPECT_TRUE(heap.check_consistency());
    EXPECT_EQ(heap.stats().free_blocks, 1u);
    void* big = heap.allocate(150);
    EXPECT_EQ(big, a) << "the merged block is reused from its start";
}

TEST_F(HeapTest, GrowsOnDemandAndStopsAtTheLimit) {
    void* large = heap.allocate(1024 * 1024);
    ASSERT_NE(large, nullptr);
    EXPECT_GE(memory.grow_calls, 2);
    EXPECT_EQ(heap.allocate(16 * 1024 * 1024), nullptr) << "beyond the arena limit";
    memory.refuse = true;
    EXPECT_EQ(heap.allocate(2 * 1024 * 1024), nullptr) << "grow failure is reported, not a crash";
    EXPECT_TRUE(heap.check_consistency());
}

TEST_F(HeapTest, ZeroedAllocationIsZeroAndOverflowIsRefused) {
    auto* p = static_cast<uint8_t*>(heap.allocate_zeroed(100, 3));
    ASSERT_NE(p, nullptr);
    for (int i = 0; i < 300; ++i) ASSERT_EQ(p[i], 0) << i;
    EXPECT_EQ(heap.allocate_zeroed(SIZE_MAX / 2, 4), nullptr);
}

TEST_F(HeapTest, ReallocatePreservesContents) {
    auto* p = static_cast<char*>(heap.allocate(10));
    std::memcpy(p, "0123456789", 10);
    auto* q = static_cast<char*>(heap.reallocate(p, 5000));
    ASSERT_NE(q, nullptr);
    EXPECT_EQ(std::memcmp(q, "0123456789", 10), 0);
    EXPECT_EQ(heap.reallocate(q, 8), q) << "shrinking stays in place";
    EXPECT_EQ(heap.reallocate(q, 0), nullptr);
    EXPECT_EQ(heap.stats().live_allocations, 0u);
}

TEST_F(HeapTest, AlignedAllocationHonoursAlignment) {
    for (size_t alignment : {32, 64, 256, 4096}) {
        void* p = heap.allocate_aligned(100, alignment);
        ASSERT_NE(p, nullptr);
        EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % alignment, 0u);
        std::memset(p, 1, 100);
        ASSERT_TRUE(heap.check_consistency()) << alignment;
        heap.release(p);
    }
    EXPECT_EQ(heap.allocate_aligned(16, 48), nullptr) << "alignment must be a power of two";
    EXPECT_TRUE(heap.check_consistency());
}

TEST_F(HeapTest, InvalidFreesAreDetectedAndIgnored) {
    auto* p = static_cast<uint8_t*>(heap.allocate(100));
    void* q = heap.allocate(100);
    ASSERT_TRUE(heap.release(p));
    EXPECT_FALSE(heap.release(p)) << "double free";
    EXPECT_FALSE(heap.release(static_cast<uint8_t*>(q) + 16)) << "pointer into the middle";
    int on_stack = 0;
    EXPECT_FALSE(heap.release(&on_stack)) << "not from this arena";
    EXPECT_EQ(heap.reallocate(p, 500), nullptr) << "realloc of a freed pointer";
    EXPECT_TRUE(heap.release(nullptr));
    EXPECT_TRUE(heap.check_consistency());
    EXPECT_EQ(heap.stats().live_allocations, 1u);
    EXPECT_TRUE(heap.release(q));
}

TEST_F(HeapTest, RandomizedStressKeepsDataAndInvariants) {
    std::mt19937 random(1234);
    std::map<uint8_t*, std::pair<size_t, uint8_t>> live;
    for (int step = 0; step < 4000; ++step) {
        const bool allocate = live.empty() || random() % 3 != 0;
        if (allocate) {
            const size_t size = 1 + random() % (random() % 8 == 0 ? 20000 : 300);
            auto* p = static_cast<uint8_t*>(heap.allocate(size));
            ASSERT_NE(p, nullptr);
            const auto fill = static_cast<uint8_t>(random());
            std::memset(p, fill, size);
            live[p] = {size, fill};
        } else {
            auto it = live.begin();
            std::advance(it, random() % live.size());
            for (size_t i = 0; i < it->second.first; ++i) ASSERT_EQ(it->first[i], it->second.second);
            ASSERT_TRUE(heap.release(it->first));
            live.erase(it);
        }
        if (step % 250 == 0) ASSERT_TRUE(heap.check_consistency()) << step;
    }
    EXPECT_EQ(heap.stats().live_allocations, live.size());
    for (auto& [p, info] : live) heap.release(p);
    EXPECT_TRUE(heap.check_consistency());
    EXPECT_EQ(heap.stats().free_blocks, 1u);
}

// The bank of an update's new version: the first after the old heap's that
// holds no object kept at its address; none when all others hold one.
TEST(HeapBanks, NextBankSkipsTheOldHeapAndBanksWithKeptObjects) {
    EXPECT_EQ(sys::next_heap_bank(0, 0), 1u);
    EXPECT_EQ(sys::next_heap_bank(7, 0), 0u);                  // round again
    EXPECT_EQ(sys::next_heap_bank(7, 1u << 0), 1u);            // bank 0 keeps objects
    EXPECT_EQ(sys::next_heap_bank(3, 0b1111'0000), 0u);        // 4..7 keep objects
    EXPECT_EQ(sys::next_heap_bank(2, 1u << 2), 3u);            // its own bank's bit changes nothing
    EXPECT_EQ(sys::next_heap_bank(5, 0xFF & ~(1u << 5)), sys::kHeapBanks);  // every other bank taken
}
