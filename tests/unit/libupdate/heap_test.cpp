// heap_test.cpp — the typed heap: allocation hooks, headers, the registry,
// realloc and pass-through of pointers the runtime did not allocate.
#include <libupdate/heap.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <vector>

using namespace libupdate;

namespace {

const lu_type kIntType = {"int", "", 4, LU_KIND_INTEGER, LU_TYPE_SIGNED, 4, 0, nullptr, 0, nullptr, nullptr};
const lu_alloc_site kSite = {1, "heap_test", "heap_test.cpp", 1, LU_ALLOC_MALLOC, &kIntType, "malloc", 0, 0};
const lu_alloc_site kOtherSite = {2, "heap_test", "heap_test.cpp", 2, LU_ALLOC_REALLOC, &kIntType, "realloc", 0, 0};

bool registered(void* object) {
    bool found = false;
    heap_for_each([&](HeapHeader& h) {
        found = found || h.object() == object;
        return true;
    });
    return found;
}

}  // namespace

TEST(TypedHeap, TracksAllocationsWithSiteAndSize) {
    uint64_t before = heap_registry().count;
    void* object = __lu_alloc(40, &kSite, LU_ALLOC_MALLOC);
    ASSERT_NE(object, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(object) % 16, 0u);
    HeapHeader* header = heap_header_of(object);
    ASSERT_NE(header, nullptr);
    EXPECT_EQ(heap_site(*header), &kSite);
    EXPECT_EQ(header->size(), 40u);
    EXPECT_EQ(header->how(), static_cast<uint32_t>(LU_ALLOC_MALLOC));
    EXPECT_EQ(heap_registry().count, before + 1);
    EXPECT_TRUE(registered(object));
    EXPECT_EQ(heap_find_containing(reinterpret_cast<uint64_t>(object) + 39), header);
    __lu_free(object, LU_ALLOC_MALLOC);
    EXPECT_EQ(heap_registry().count, before);
    EXPECT_FALSE(registered(object));
}

TEST(TypedHeap, CallocZeroesAndChecksOverflow) {
    auto* numbers = static_cast<int*>(__lu_calloc(10, sizeof(int), &kSite));
    ASSERT_NE(numbers, nullptr);
    for (int i = 0; i < 10; ++i) EXPECT_EQ(numbers[i], 0);
    __lu_free(numbers, LU_ALLOC_MALLOC);
    EXPECT_EQ(__lu_calloc(SIZE_MAX / 2, 4, &kSite), nullptr);
}

TEST(TypedHeap, ReallocKeepsContentsAndRelinks) {
    uint64_t before = heap_registry().count;
    auto* numbers = static_cast<int*>(__lu_alloc(4 * sizeof(int), &kSite, LU_ALLOC_MALLOC));
    for (int i = 0; i < 4; ++i) numbers[i] = i * 11;
    auto* grown = static_cast<int*>(__lu_realloc(numbers, 4096 * sizeof(int), &kOtherSite));
    ASSERT_NE(grown, nullptr);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(grown[i], i * 11);
    EXPECT_EQ(heap_site(*heap_header_of(grown)), &kOtherSite);
    EXPECT_EQ(heap_header_of(grown)->size(), 4096 * sizeof(int));
    EXPECT_EQ(heap_registry().count, before + 1);
    EXPECT_TRUE(registered(grown));
    __lu_free(grown, LU_ALLOC_MALLOC);
    EXPECT_EQ(heap_registry().count, before);
}

TEST(TypedHeap, ForeignPointersPassThroughUntracked) {
    uint64_t before = heap_registry().count;
    void* foreign = std::malloc(64);
    EXPECT_EQ(heap_header_of(foreign), nullptr);
    void* grown = __lu_realloc(foreign, 1 << 20, &kSite);  // large: may move to mmap
    ASSERT_NE(grown, nullptr);
    EXPECT_EQ(heap_header_of(grown), nullptr);
    __lu_free(grown, LU_ALLOC_MALLOC);
    __lu_free(nullptr, LU_ALLOC_MALLOC);
    EXPECT_EQ(heap_registry().count, before);
}

TEST(TypedHeap, StrdupCopiesAndTracks) {
    char* copy = __lu_strdup("live update", &kSite);
    ASSERT_NE(copy, nullptr);
    EXPECT_STREQ(copy, "live update");
    EXPECT_EQ(heap_header_of(copy)->size(), 12u);
    char* prefix = __lu_strndup("live update", 4, &kSite);
    EXPECT_STREQ(prefix, "live");
    __lu_free(copy, LU_ALLOC_MALLOC);
    __lu_free(prefix, LU_ALLOC_MALLOC);
}

TEST(TypedHeap, NewThrowsWhenMemoryIsExhausted) {
    EXPECT_THROW((void)__lu_alloc(size_t{1} << 62, &kSite, LU_ALLOC_NEW), std::bad_alloc);
    EXPECT_EQ(__lu_alloc(size_t{1} << 62, &kSite, LU_ALLOC_NEW | LU_ALLOC_NOTHROW_BIT), nullptr);
    EXPECT_EQ(__lu_alloc(size_t{1} << 62, &kSite, LU_ALLOC_MALLOC), nullptr);
}

TEST(TypedHeap, HeadersAreSixteenBytesAndSitesFarAwayStillWork) {
    EXPECT_EQ(sizeof(HeapHeader), 16u);
    // A site record outside the program's static data (here: on the heap).
    auto* far = new lu_alloc_site(kSite);
    void* object = __lu_alloc(8, far, LU_ALLOC_MALLOC);
    ASSERT_NE(object, nullptr);
    EXPECT_EQ(heap_site(*heap_header_of(object)), far);
    __lu_free(object, LU_ALLOC_MALLOC);
    delete far;
}

// In a static executable (a Neurath server) the program's site records come
// before the runtime's anchor: near offsets are negative, on every path.
TEST(TypedHeap, SitesBelowTheAnchorAreNear) {
    const auto* below = reinterpret_cast<const lu_alloc_site*>(heap_registry().site_anchor - 4096);
    alignas(16) unsigned char block[sizeof(HeapHeader) + 16] = {};
    auto* header = reinterpret_cast<HeapHeader*>(block);
    uint64_t far_before = heap_registry().far_site_count;
    ASSERT_TRUE(heap_track(header, below, 16, LU_ALLOC_MALLOC));
    EXPECT_EQ(header->site, -4096);
    EXPECT_EQ(heap_site(*header), below);
    EXPECT_EQ(heap_registry().far_site_count, far_before);
    EXPECT_EQ(heap_header_of(header->object()), header);
    heap_untrack(header);
    EXPECT_EQ(heap_header_of(header->object()), nullptr);
}

TEST(TypedHeap, EnumeratesManyObjects) {
    std::vector<void*> objects;
    for (int i = 0; i < 1000; ++i) objects.push_back(__lu_alloc(static_cast<size_t>(i + 1), &kSite, LU_ALLOC_MALLOC));
    size_t seen = 0;
    heap_for_each([&](HeapHeader& h) {
        seen += heap_site(h) == &kSite;
        return true;
    });
    EXPECT_EQ(seen, 1000u);
    for (void* object : objects) __lu_free(object, LU_ALLOC_MALLOC);
}

// The block cache (libupdate/src/block_cache.h) recycles freed small blocks
// while the process runs one thread; recycled blocks must be tracked again.
TEST(TypedHeapCache, FreedSmallBlockIsReusedAndListedAgain) {
    void* first = __lu_alloc(40, &kSite, LU_ALLOC_MALLOC);
    ASSERT_NE(first, nullptr);
    __lu_free(first, LU_ALLOC_MALLOC);
    EXPECT_FALSE(registered(first));
    void* again = __lu_alloc(40, &kSite, LU_ALLOC_MALLOC);
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(again, first) << "a freed block of the same class comes back from the cache";
    EXPECT_TRUE(registered(again));
    EXPECT_EQ(heap_site(*heap_header_of(again)), &kSite);
    EXPECT_EQ(heap_header_of(again)->size(), 40u);
    __lu_free(again, LU_ALLOC_MALLOC);
}

TEST(TypedHeapCache, CountStaysRightPastTheCacheDepth) {
    constexpr int kBlocks = 1200;  // more than a small class's cache holds (16 KiB of blocks)
    const uint64_t before = heap_registry().count;
    std::vector<void*> blocks(kBlocks);
    for (int round = 0; round < 2; ++round) {
        for (auto& block : blocks) block = __lu_alloc(24, &kSite, LU_ALLOC_MALLOC);
        EXPECT_EQ(heap_registry().count, before + kBlocks);
        for (void* block : blocks) EXPECT_TRUE(registered(block));
        for (void* block : blocks) __lu_free(block, LU_ALLOC_MALLOC);
        EXPECT_EQ(heap_registry().count, before);
        for (void* block : blocks) EXPECT_FALSE(registered(block));
    }
}

// Regression: every object of a program that allocates through realloc
// (Lua's lua_Alloc) is a realloc(NULL, n); those blocks were never cached.
TEST(TypedHeapCache, ReallocOfNullIsAMallocWhoseBlockIsCached) {
    void* first = __lu_realloc(nullptr, 56, &kSite);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(heap_header_of(first)->how(), static_cast<uint32_t>(LU_ALLOC_MALLOC));
    __lu_free(first, LU_ALLOC_MALLOC);
    void* again = __lu_realloc(nullptr, 56, &kSite);
    EXPECT_EQ(again, first) << "the freed block comes back from the cache";
    __lu_free(again, LU_ALLOC_MALLOC);
}

TEST(TypedHeapCache, ReallocOfASmallBlockStaysInItsClassOrMovesToAnother) {
    const uint64_t before = heap_registry().count;
    auto* bytes = static_cast<uint8_t*>(__lu_alloc(36, &kSite, LU_ALLOC_MALLOC));
    for (int i = 0; i < 36; ++i) bytes[i] = static_cast<uint8_t>(i);
    auto* same = static_cast<uint8_t*>(__lu_realloc(bytes, 40, &kOtherSite));
    EXPECT_EQ(same, bytes) << "40 bytes fit the 36-byte block's size class";
    EXPECT_EQ(heap_header_of(same)->size(), 40u);
    EXPECT_EQ(heap_site(*heap_header_of(same)), &kOtherSite);
    auto* moved = static_cast<uint8_t*>(__lu_realloc(same, 300, &kSite));
    ASSERT_NE(moved, nullptr);
    EXPECT_NE(moved, same);
    for (int i = 0; i < 36; ++i) EXPECT_EQ(moved[i], i);
    EXPECT_EQ(heap_header_of(moved)->size(), 300u);
    EXPECT_EQ(heap_registry().count, before + 1);
    EXPECT_FALSE(registered(same));
    __lu_free(moved, LU_ALLOC_MALLOC);
    void* reused = __lu_alloc(300, &kSite, LU_ALLOC_MALLOC);
    EXPECT_EQ(reused, moved) << "a block realloc made is a class block, so it is cached";
    __lu_free(reused, LU_ALLOC_MALLOC);
    EXPECT_EQ(heap_registry().count, before);
}

TEST(TypedHeapCacheDeathTest, DoubleFreeOfASmallBlockIsReported) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_DEATH(
        {
            void* block = __lu_alloc(40, &kSite, LU_ALLOC_MALLOC);
            __lu_free(block, LU_ALLOC_MALLOC);
            __lu_free(block, LU_ALLOC_MALLOC);
        },
        "");
}
