// paging_test.cpp — page-table index helpers and the user address range.
#include "memory/paging.h"

#include <gtest/gtest.h>

using namespace kernel;

namespace {

TEST(Paging, TableIndicesSplitTheAddress) {
    uint64_t address = (5ull << 39) | (6ull << 30) | (7ull << 21) | (8ull << 12) | 0x123;
    EXPECT_EQ(table_index(4, address), 5u);
    EXPECT_EQ(table_index(3, address), 6u);
    EXPECT_EQ(table_index(2, address), 7u);
    EXPECT_EQ(table_index(1, address), 8u);
    EXPECT_EQ(table_index(4, kDirectMapBase), kFirstKernelPml4Slot);
    EXPECT_EQ(table_index(4, kKernelBase), 511u);
    EXPECT_EQ(table_index(3, kKernelBase), 510u);
}

TEST(Paging, EntriesKeepAddressAndFlagsApart) {
    uint64_t entry = make_entry(0x1234567000, pte::kPresent | pte::kUser | pte::kNoExecute);
    EXPECT_EQ(entry_address(entry), 0x1234567000u);
    EXPECT_TRUE(entry_has(entry, pte::kPresent | pte::kUser));
    EXPECT_FALSE(entry_has(entry, pte::kWritable));
    EXPECT_EQ(entry_address(make_entry(0x1234567FFF, 0)), 0x1234567000u);
}

TEST(Paging, UserRangeBoundaries) {
    EXPECT_TRUE(is_user_range(kUserBase, 1));
    EXPECT_FALSE(is_user_range(kUserBase - 1, 1));
    EXPECT_FALSE(is_user_range(0, 16));
    EXPECT_TRUE(is_user_range(kUserEnd - 4096, 4096));
    EXPECT_FALSE(is_user_range(kUserEnd - 4096, 4097));
    EXPECT_FALSE(is_user_range(kUserEnd, 1));
    EXPECT_FALSE(is_user_range(kUserBase, ~0ull));  // overflow
    EXPECT_FALSE(is_user_range(kKernelBase, 8));
}

TEST(Paging, Rounding) {
    EXPECT_EQ(page_round_down(0x1FFF), 0x1000u);
    EXPECT_EQ(page_round_up(0x1001), 0x2000u);
    EXPECT_EQ(page_round_up(0x1000), 0x1000u);
    EXPECT_TRUE(is_page_aligned(0x3000));
    EXPECT_FALSE(is_page_aligned(0x3008));
}

}  // namespace
