// heap_large_test.cpp — sys::HeapArena's large blocks over host buffers that
// stand in for MapAnonymous and Unmap: a large request gets its own pages,
// free gives every one of them back, addresses are reused, realloc moves
// blocks across the threshold both ways and resizes them in place, double
// and foreign frees are refused, and a randomized run keeps the page
// accounting and the consistency walk right.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/heap.h>

#include <cstring>
#include <random>
#include <vector>

namespace {

constexpr size_t kPage = 4096;

// Pages the heap maps and unmaps, checked like the kernel checks them:
// mapping a mapped page or unmapping a range that is not wholly mapped fails.
struct FakePages {
    size_t size;
    uint8_t* buffer;
    std::vector<bool> mapped;
    size_t mapped_pages = 0;
    bool refuse_unmap = false;

    explicit FakePages(size_t bytes)
        : size(bytes), buffer(static_cast<uint8_t*>(aligned_alloc(kPage, bytes))), mapped(bytes / kPage) {}
    ~FakePages() { free(buffer); }
    uintptr_t base() const { return reinterpret_cast<uintptr_t>(buffer); }
    size_t page_of(uintptr_t address) const { return (address - base()) / kPage; }

    static sys::Result<void> map(void* context, uintptr_t address, size_t length) {
        auto* self = static_cast<FakePages*>(context);
        EXPECT_EQ(address % kPage, 0u);
        EXPECT_EQ(length % kPage, 0u);
        for (size_t page = self->page_of(address); page < self->page_of(address + length); ++page) {
            if (self->mapped[page]) return neurath::Error::AlreadyExists;
        }
        for (size_t page = self->page_of(address); page < self->page_of(address + length); ++page) {
            self->mapped[page] = true;
        }
        self->mapped_pages += length / kPage;
        std::memset(reinterpret_cast<void*>(address), 0x5A, length);
        return {};
    }

    static sys::Result<void> unmap(void* context, uintptr_t address, size_t length) {
        auto* self = static_cast<FakePages*>(context);
        if (self->refuse_unmap) return neurath::Error::PermissionDenied;
        for (size_t page = self->page_of(address); page < self->page_of(address + length); ++page) {
            if (!self->mapped[page]) return neurath::Error::NotFound;
        }
        for (size_t page = self->page_of(address); page < self->page_of(address + length); ++page) {
            self->mapped[page] = false;
        }
        self->mapped_pages -= length / kPage;
        std::memset(reinterpret_cast<void*>(address), 0xDD, length);  // gone: poison
        return {};
    }
};

struct ArenaMemory {
    static constexpr size_t kSize = 4 * 1024 * 1024;
    uint8_t* buffer = static_cast<uint8_t*>(aligned_alloc(kPage, kSize));
    ~ArenaMemory() { free(buffer); }
    uintptr_t base() const { return reinterpret_cast<uintptr_t>(buffer); }
    static sys::Result<void> grow(void*, uintptr_t, size_t) { return {}; }
};

struct LargeHeapTest : ::testing::Test {
    ArenaMemory arena;
    FakePages pages{32 * 1024 * 1024};
    sys::HeapArena heap{arena.base(), arena.base() + ArenaMemory::kSize, ArenaMemory::grow, &arena,
                        sys::LargeBlocks(pages.base(), pages.base() + pages.size, FakePages::map,
                                         FakePages::unmap, &pages)};

    bool in_large_region(const void* pointer) const {
        auto address = reinterpret_cast<uintptr_t>(pointer);
        return address >= pages.base() && address < pages.base() + pages.size;
    }
};

}  // namespace

TEST_F(LargeHeapTest, SmallRequestsStayInTheArena) {
    void* small = heap.allocate(sys::kLargeThreshold - 1);
    ASSERT_NE(small, nullptr);
    EXPECT_FALSE(in_large_region(small));
    EXPECT_EQ(pages.mapped_pages, 0u);
    EXPECT_TRUE(heap.release(small));
}

TEST_F(LargeHeapTest, LargeBlockGetsItsOwnPagesAndFreeReturnsThemAll) {
    const size_t size = 1024 * 1024 + 100;
    void* block = heap.allocate(size);
    ASSERT_NE(block, nullptr);
    EXPECT_TRUE(in_large_region(block));
    EXPECT_EQ(reinterpret_cast<uintptr_t>(block) % 16, 0u);
    EXPECT_GE(heap.usable_size(block), size);
    EXPECT_EQ(pages.mapped_pages, (size + sys::kLargeHeaderSize + kPage - 1) / kPage);
    EXPECT_EQ(heap.stats().large_bytes, pages.mapped_pages * kPage);
    EXPECT_EQ(heap.stats().live_allocations, 1u);
    std::memset(block, 0xAB, size);
    EXPECT_TRUE(heap.check_consistency());
    EXPECT_TRUE(heap.release(block));
    EXPECT_EQ(pages.mapped_pages, 0u);
    EXPECT_EQ(heap.stats().large_bytes, 0u);
    EXPECT_EQ(heap.stats().used_bytes, 0u);
    EXPECT_EQ(heap.stats().live_allocations, 0u);
    EXPECT_TRUE(heap.check_consistency());
}

TEST_F(LargeHeapTest, FreedAddressesAreReused) {
    void* first = heap.allocate(256 * 1024);
    void* second = heap.allocate(256 * 1024);
    ASSERT_NE(first, nullptr);
    ASSERT_NE(second, nullptr);
    EXPECT_TRUE(heap.release(first));
    void* third = heap.allocate(200 * 1024);
    EXPECT_EQ(third, first) << "the first gap that fits is taken again";
    void* fourth = heap.allocate(300 * 1024);
    EXPECT_GT(reinterpret_cast<uintptr_t>(fourth), reinterpret_cast<uintptr_t>(second));
    for (void* p : {second, third, fourth}) EXPECT_TRUE(heap.release(p));
    EXPECT_EQ(pages.mapped_pages, 0u);
}

TEST_F(LargeHeapTest, DoubleAndForeignFreesAreRefused) {
    void* block = heap.allocate(128 * 1024);
    ASSERT_NE(block, nullptr);
    int local = 0;
    EXPECT_FALSE(heap.release(static_cast<uint8_t*>(block) + 16)) << "interior pointer";
    EXPECT_FALSE(heap.release(reinterpret_cast<void*>(pages.base() + 5 * kPage + 32))) << "never allocated";
    EXPECT_FALSE(heap.release(&local));
    EXPECT_TRUE(heap.release(block));
    EXPECT_FALSE(heap.release(block)) << "double free";
    EXPECT_FALSE(heap.owns_live(block));
    EXPECT_EQ(heap.reallocate(block, 10), nullptr) << "realloc of a freed block";
    EXPECT_EQ(heap.stats().live_allocations, 0u);
    EXPECT_TRUE(heap.check_consistency());
}

TEST_F(LargeHeapTest, FailedUnmapKeepsTheBlockLive) {
    void* block = heap.allocate(100 * 1024);
    ASSERT_NE(block, nullptr);
    pages.refuse_unmap = true;
    EXPECT_FALSE(heap.release(block));
    EXPECT_TRUE(heap.owns_live(block));
    EXPECT_TRUE(heap.check_consistency());
    pages.refuse_unmap = false;
    EXPECT_TRUE(heap.release(block));
    EXPECT_EQ(pages.mapped_pages, 0u);
}

TEST_F(LargeHeapTest, ReallocCrossesTheThresholdBothWays) {
    auto* small = static_cast<uint8_t*>(heap.allocate(1000));
    for (int i = 0; i < 1000; ++i) small[i] = static_cast<uint8_t>(i);
    auto* large = static_cast<uint8_t*>(heap.reallocate(small, 200 * 1024));
    ASSERT_NE(large, nullptr);
    EXPECT_TRUE(in_large_region(large));
    for (int i = 0; i < 1000; ++i) ASSERT_EQ(large[i], static_cast<uint8_t>(i));
    auto* back = static_cast<uint8_t*>(heap.reallocate(large, 500));
    ASSERT_NE(back, nullptr);
    EXPECT_FALSE(in_large_region(back));
    for (int i = 0; i < 500; ++i) ASSERT_EQ(back[i], static_cast<uint8_t>(i));
    EXPECT_EQ(pages.mapped_pages, 0u) << "the large block went back";
    EXPECT_EQ(heap.stats().live_allocations, 1u);
    EXPECT_TRUE(heap.release(back));
    EXPECT_TRUE(heap.check_consistency());
}

TEST_F(LargeHeapTest, ReallocResizesLargeBlocksInPlace) {
    auto* block = static_cast<uint8_t*>(heap.allocate(1024 * 1024));
    std::memset(block, 0x11, 1024 * 1024);
    const size_t mapped = pages.mapped_pages;
    EXPECT_EQ(heap.reallocate(block, 2 * 1024 * 1024), block) << "the gap after the last block allows growth";
    EXPECT_GT(pages.mapped_pages, mapped);
    EXPECT_EQ(block[1024 * 1024 - 1], 0x11);
    EXPECT_EQ(heap.reallocate(block, 128 * 1024), block);
    EXPECT_EQ(pages.mapped_pages, (128 * 1024 + sys::kLargeHeaderSize + kPage - 1) / kPage) << "shrinking unmaps";
    EXPECT_EQ(block[128 * 1024 - 1], 0x11);
    EXPECT_EQ(heap.stats().used_bytes, heap.usable_size(block));
    EXPECT_TRUE(heap.check_consistency());
    EXPECT_TRUE(heap.release(block));
}

TEST_F(LargeHeapTest, GrowthBlockedByANeighbourMovesTheBlock) {
    auto* first = static_cast<uint8_t*>(heap.allocate(100 * 1024));
    void* second = heap.allocate(100 * 1024);
    std::memset(first, 0x77, 100 * 1024);
    auto* moved = static_cast<uint8_t*>(heap.reallocate(first, 400 * 1024));
    ASSERT_NE(moved, nullptr);
    EXPECT_NE(moved, first);
    EXPECT_EQ(moved[100 * 1024 - 1], 0x77);
    EXPECT_FALSE(heap.owns_live(first));
    EXPECT_TRUE(heap.release(second));
    EXPECT_TRUE(heap.release(moved));
    EXPECT_EQ(pages.mapped_pages, 0u);
}

TEST_F(LargeHeapTest, AllocationFailsCleanlyWhenTheRegionIsFull) {
    EXPECT_EQ(heap.allocate(64 * 1024 * 1024), nullptr);
    EXPECT_EQ(pages.mapped_pages, 0u);
    EXPECT_EQ(heap.stats().live_allocations, 0u);
    void* zeroed = heap.allocate_zeroed(1, 300 * 1024);
    ASSERT_NE(zeroed, nullptr);
    EXPECT_EQ(static_cast<uint8_t*>(zeroed)[300 * 1024 - 1], 0);
    EXPECT_TRUE(heap.release(zeroed));
}

TEST_F(LargeHeapTest, AllocateFreeLoopStaysBounded) {
    std::mt19937 random(99);
    std::vector<std::pair<uint8_t*, size_t>> live;
    for (int round = 0; round < 2000; ++round) {
        if (live.size() < 8 && random() % 2 == 0) {
            const size_t size = 16 + random() % (2 * 1024 * 1024);
            auto* p = static_cast<uint8_t*>(heap.allocate(size));
            ASSERT_NE(p, nullptr);
            std::memset(p, static_cast<int>(size & 0xFF), size);
            live.emplace_back(p, size);
        } else if (!live.empty()) {
            const size_t index = random() % live.size();
            auto [p, size] = live[index];
            ASSERT_EQ(p[size - 1], static_cast<uint8_t>(size & 0xFF));
            ASSERT_TRUE(heap.release(p));
            live.erase(live.begin() + static_cast<long>(index));
        }
        ASSERT_LE(pages.mapped_pages * kPage, 8 * (2 * 1024 * 1024 + kPage));
    }
    EXPECT_TRUE(heap.check_consistency());
    for (auto [p, size] : live) ASSERT_TRUE(heap.release(p));
    EXPECT_EQ(pages.mapped_pages, 0u);
    EXPECT_TRUE(heap.check_consistency());
}
