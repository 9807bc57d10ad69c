// records_v2_test.cpp — host tests of kvd v2's RecordTable (the patched
// copy): 64-bit values and per-record write counts.
#include <gtest/gtest.h>

#include "records.h"

using kvd::RecordTable;
using neurath::Error;

namespace {

struct RecordsV2 : ::testing::Test {
    RecordTable table;
    void SetUp() override { table.init(); }
};

}  // namespace

TEST_F(RecordsV2, ValuesAreSixtyFourBitsWide) {
    EXPECT_TRUE(table.put("wide", 0x123456789abcdef0ull).value());
    EXPECT_EQ(table.get("wide").value(), 0x123456789abcdef0ull);
    EXPECT_TRUE(table.put("max", UINT64_MAX).ok());
    EXPECT_EQ(table.get("max").value(), UINT64_MAX);
}

TEST_F(RecordsV2, StatsCountWritesSinceCreation) {
    ASSERT_TRUE(table.put("k", 1).ok());
    EXPECT_EQ(table.stats("k").value().writes, 1u);
    ASSERT_TRUE(table.put("k", 2).ok());
    ASSERT_TRUE(table.put("k", 3).ok());
    const kvd::RecordStats stats = table.stats("k").value();
    EXPECT_EQ(stats.value, 3u);
    EXPECT_EQ(stats.writes, 3u);
    ASSERT_TRUE(table.remove("k").ok());
    EXPECT_EQ(table.stats("k").error(), Error::NotFound);
    ASSERT_TRUE(table.put("k", 4).ok());
    EXPECT_EQ(table.stats("k").value().writes, 1u);
}

TEST_F(RecordsV2, GetsDoNotCountAsWrites) {
    ASSERT_TRUE(table.put("k", 9).ok());
    for (int i = 0; i < 5; ++i) ASSERT_EQ(table.get("k").value(), 9u);
    EXPECT_EQ(table.stats("k").value().writes, 1u);
    EXPECT_EQ(table.count(), 1u);
}
