// containers_test.cpp — the runtime's freestanding building blocks: Vector,
// HashMap, heap_sort, TextBuilder, Result/TRY and the relocation map.
#include <libupdate/hash_map.h>
#include <libupdate/relocation_map.h>
#include <libupdate/text.h>

#include <gtest/gtest.h>

#include <map>
#include <random>

using namespace libupdate;

TEST(Vector, GrowsAndKeepsItems) {
    Vector<int> v;
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(v.push(i));
    ASSERT_EQ(v.size(), 1000u);
    EXPECT_EQ(v[999], 999);
    v.remove_swap(0);
    EXPECT_EQ(v[0], 999);
    EXPECT_EQ(v.size(), 999u);
}

TEST(HashMap, AgreesWithStdMapUnderRandomOperations) {
    HashMap<uint64_t> map;
    std::map<uint64_t, uint64_t> reference;
    std::mt19937_64 random(42);
    for (int step = 0; step < 20000; ++step) {
        uint64_t key = 2 + random() % 3000;
        if (random() % 3 == 0) {
            EXPECT_EQ(map.erase(key), reference.erase(key) == 1);
        } else {
            ASSERT_TRUE(map.insert(key, step));
            reference[key] = static_cast<uint64_t>(step);
        }
    }
    EXPECT_EQ(map.size(), reference.size());
    for (auto& [key, value] : reference) {
        uint64_t* found = map.find(key);
        ASSERT_NE(found, nullptr);
        EXPECT_EQ(*found, value);
    }
    size_t visited = 0;
    map.for_each([&](uint64_t, uint64_t&) { ++visited; });
    EXPECT_EQ(visited, reference.size());
}

TEST(HeapSort, SortsByKey) {
    std::vector<int> items{5, 3, 9, 1, 1, 8, 0, -4};
    heap_sort(items.data(), items.size(), [](int x) { return x; });
    EXPECT_EQ(items, (std::vector<int>{-4, 0, 1, 1, 3, 5, 8, 9}));
}

TEST(TextBuilder, FormatsAndTruncates) {
    char buffer[16];
    TextBuilder text(buffer, sizeof buffer);
    text.add("x=").add_signed(-42).add(" ").add_hex(255);
    EXPECT_STREQ(buffer, "x=-42 0xff");
    text.add(" and a long tail");
    EXPECT_EQ(text.length(), 15u);
    EXPECT_STREQ(buffer, "x=-42 0xff and ");
}

namespace {

Result<int> half(int x) {
    if (x % 2) return make_error(neurath::Error::InvalidArgument, "odd: ", "value");
    return x / 2;
}

Result<int> quarter(int x) {
    int h = TRY(half(x));
    return TRY(half(h));
}

}  // namespace

TEST(Result, TryPropagatesTheFirstError) {
    EXPECT_EQ(quarter(8).value(), 2);
    Result<int> failed = quarter(6);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, neurath::Error::InvalidArgument);
    EXPECT_STREQ(failed.error().text, "odd: value");
}

namespace {

RelocationEntry entry(uint64_t start, uint64_t size, uint64_t destination) {
    return RelocationEntry{start, size, destination, size, kNoType, kNoType, 0, 0, RelocationKind::HeapObject};
}

}  // namespace

TEST(RelocationMap, FindsContainingAndOnePastTheEndEntries) {
    RelocationMap map;
    ASSERT_TRUE(map.add(entry(0x3000, 0x10, 0x9000)));
    ASSERT_TRUE(map.add(entry(0x1000, 0x20, 0x8000)));
    ASSERT_TRUE(map.add(entry(0x1020, 0x8, 0x7000)));
    ASSERT_TRUE(map.seal().ok());
    EXPECT_EQ(map.find(0x1000)->destination, 0x8000u);
    EXPECT_EQ(map.find(0x101f)->destination, 0x8000u);
    EXPECT_EQ(map.find(0x1020)->destination, 0x7000u);  // containing beats one-past-the-end
    EXPECT_EQ(map.find(0x1028)->destination, 0x7000u);  // one past the end
    EXPECT_EQ(map.find(0x1029), nullptr);
    EXPECT_EQ(map.find(0x0fff), nullptr);
    EXPECT_EQ(map.find(0x3008)->destination, 0x9000u);
}

TEST(RelocationMap, RejectsOverlappingObjects) {
    RelocationMap map;
    ASSERT_TRUE(map.add(entry(0x1000, 0x20, 0x8000)));
    ASSERT_TRUE(map.add(entry(0x1010, 0x20, 0x9000)));
    Result<void> sealed = map.seal();
    ASSERT_FALSE(sealed.ok());
    EXPECT_STREQ(sealed.error().text,
                 "corrupted old state: objects overlap at 0x1010 (heap object of 32 bytes at 0x1000, heap object of 32 bytes)");
}
