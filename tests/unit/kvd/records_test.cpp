// records_test.cpp — host tests of kvd v1's RecordTable: every request's
// effect, chains, limits and errors.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "records.h"

using kvd::RecordTable;
using neurath::Error;

namespace {

struct Records : ::testing::Test {
    RecordTable table;
    void SetUp() override { table.init(); }
};

std::string key_of(uint64_t n) { return "key." + std::to_string(n); }

}  // namespace

TEST(KvdKeys, ValidKeysArePrintableTerminatedAndNonEmpty) {
    char key[protocol::kv::kMaxKey] = "alpha.1";
    EXPECT_TRUE(kvd::validate_key(key).ok());
    key[0] = '\0';
    EXPECT_EQ(kvd::validate_key(key).error(), Error::InvalidArgument);
    std::strcpy(key, "has space");
    EXPECT_EQ(kvd::validate_key(key).error(), Error::InvalidArgument);
    std::memset(key, 'k', sizeof key);
    EXPECT_EQ(kvd::validate_key(key).error(), Error::NameTooLong);
}

TEST_F(Records, PutCreatesThenReplaces) {
    EXPECT_TRUE(table.put("a", 1).value());
    EXPECT_FALSE(table.put("a", 2).value());
    EXPECT_EQ(table.get("a").value(), 2u);
    EXPECT_EQ(table.count(), 1u);
}

TEST_F(Records, MissingKeysAreNotFound) {
    EXPECT_EQ(table.get("nothing").error(), Error::NotFound);
    EXPECT_EQ(table.remove("nothing").error(), Error::NotFound);
    ASSERT_TRUE(table.put("a", 1).ok());
    ASSERT_TRUE(table.remove("a").ok());
    EXPECT_EQ(table.get("a").error(), Error::NotFound);
    EXPECT_EQ(table.count(), 0u);
}

TEST_F(Records, ValuesAreThirtyTwoBitsWide) {
    EXPECT_TRUE(table.put("max", 0xffffffffull).ok());
    EXPECT_EQ(table.get("max").value(), 0xffffffffull);
    EXPECT_EQ(table.put("wide", 0x100000000ull).error(), Error::TooBig);
    EXPECT_EQ(table.get("wide").error(), Error::NotFound);
}

TEST_F(Records, ChainsSurviveDeletesInTheirMiddle) {
    // Far more keys than buckets: every bucket holds a chain.
    const uint64_t keys = RecordTable::kBuckets * 6;
    for (uint64_t n = 0; n < keys; ++n) ASSERT_TRUE(table.put(key_of(n).c_str(), n * 3).ok());
    for (uint64_t n = 0; n < keys; n += 2) ASSERT_TRUE(table.remove(key_of(n).c_str()).ok());
    EXPECT_EQ(table.count(), keys / 2);
    for (uint64_t n = 0; n < keys; ++n) {
        if (n % 2 == 0) EXPECT_EQ(table.get(key_of(n).c_str()).error(), Error::NotFound) << n;
        else EXPECT_EQ(table.get(key_of(n).c_str()).value(), n * 3) << n;
    }
}

TEST_F(Records, CapacityIsEnforcedAndFreedByDeletes) {
    for (uint64_t n = 0; n < RecordTable::kCapacity; ++n) ASSERT_TRUE(table.put(key_of(n).c_str(), n).ok()) << n;
    EXPECT_EQ(table.put("one.more", 1).error(), Error::NoSpace);
    EXPECT_TRUE(table.put(key_of(5).c_str(), 55).ok());  // replacing needs no room
    ASSERT_TRUE(table.remove(key_of(7).c_str()).ok());
    EXPECT_TRUE(table.put("one.more", 1).value());
    EXPECT_EQ(table.count(), RecordTable::kCapacity);
}

TEST_F(Records, OverlongKeysAreRefused) {
    const std::string longest(protocol::kv::kMaxKey - 1, 'k');
    EXPECT_TRUE(table.put(longest.c_str(), 1).ok());
    EXPECT_EQ(table.put((longest + "k").c_str(), 1).error(), Error::NameTooLong);
}
