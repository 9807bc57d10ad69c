// grant_table_test.cpp — grant windows: grantee, access and bounds checks.
#include "ipc/grant_table.h"

#include <gtest/gtest.h>

#include <memory>

#include <neurath/syscall.h>

using namespace kernel;
using neurath::Error;
using neurath::kGrantRead;
using neurath::kGrantWrite;

namespace {

TEST(GrantTable, ResolvesInsideTheWindowOnly) {
    auto table = std::make_unique<GrantTable>();
    uint64_t id = table->create(20, 0x500000, 100, kGrantRead).value();
    EXPECT_EQ(table->resolve(id, 20, 0, 100, kGrantRead).value(), 0x500000u);
    EXPECT_EQ(table->resolve(id, 20, 40, 60, kGrantRead).value(), 0x500028u);
    EXPECT_EQ(table->resolve(id, 20, 40, 61, kGrantRead).error(), Error::InvalidArgument);
    EXPECT_EQ(table->resolve(id, 20, 101, 0, kGrantRead).error(), Error::InvalidArgument);
    EXPECT_EQ(table->resolve(id, 20, 1, ~0ull, kGrantRead).error(), Error::InvalidArgument);  // overflow
}

TEST(GrantTable, OnlyTheGranteeWithTheGrantedAccess) {
    auto table = std::make_unique<GrantTable>();
    uint64_t id = table->create(20, 0x500000, 100, kGrantRead).value();
    EXPECT_EQ(table->resolve(id, 21, 0, 1, kGrantRead).error(), Error::PermissionDenied);
    EXPECT_EQ(table->resolve(id, 20, 0, 1, kGrantWrite).error(), Error::PermissionDenied);
    uint64_t open = table->create(neurath::kAny, 0x600000, 8, kGrantRead | kGrantWrite).value();
    EXPECT_TRUE(table->resolve(open, 99, 0, 8, kGrantWrite).ok());
}

TEST(GrantTable, RevokedIdsStayDeadEvenWhenTheSlotIsReused) {
    auto table = std::make_unique<GrantTable>();
    uint64_t id = table->create(20, 0x500000, 100, kGrantRead).value();
    ASSERT_TRUE(table->revoke(id).ok());
    EXPECT_EQ(table->revoke(id).error(), Error::NotFound);
    EXPECT_EQ(table->resolve(id, 20, 0, 1, kGrantRead).error(), Error::NotFound);
    uint64_t reused = table->create(20, 0x700000, 100, kGrantRead).value();
    EXPECT_NE(reused, id);
    EXPECT_EQ(table->resolve(id, 20, 0, 1, kGrantRead).error(), Error::NotFound);
    EXPECT_EQ(table->resolve(12345678, 20, 0, 1, kGrantRead).error(), Error::NotFound);
}

TEST(GrantTable, RejectsBadArgumentsAndRunsOutOfSlots) {
    auto table = std::make_unique<GrantTable>();
    EXPECT_EQ(table->create(20, 0x500000, 0, kGrantRead).error(), Error::InvalidArgument);
    EXPECT_EQ(table->create(20, 0x500000, 8, 0).error(), Error::InvalidArgument);
    EXPECT_EQ(table->create(20, 0x500000, 8, 4).error(), Error::InvalidArgument);
    EXPECT_EQ(table->create(20, ~0ull - 2, 8, kGrantRead).error(), Error::InvalidArgument);
    for (uint32_t i = 0; i < kMaxGrantsPerProcess; ++i) ASSERT_TRUE(table->create(20, 0x500000, 8, kGrantRead).ok());
    EXPECT_EQ(table->create(20, 0x500000, 8, kGrantRead).error(), Error::NoSpace);
}

}  // namespace

// The bug: a grant to a process that ended stayed valid, so the next process
// given the same (reused) endpoint could copy from or into the granter.
TEST(GrantOutlivesItsGrantee, GrantsToAnEndedProcessAreRevoked) {
    auto table = std::make_unique<GrantTable>();
    uint64_t to_ended = table->create(20, 0x500000, 100, kGrantRead | kGrantWrite).value();
    uint64_t second = table->create(20, 0x510000, 8, kGrantRead).value();
    uint64_t to_other = table->create(21, 0x520000, 8, kGrantRead).value();
    uint64_t to_anyone = table->create(neurath::kAny, 0x530000, 8, kGrantRead).value();
    EXPECT_EQ(table->revoke_grantee(20), 2u);
    EXPECT_EQ(table->resolve(to_ended, 20, 0, 1, kGrantRead).error(), Error::NotFound)
        << "a new process at endpoint 20 finds nothing";
    EXPECT_EQ(table->resolve(second, 20, 0, 1, kGrantRead).error(), Error::NotFound);
    EXPECT_TRUE(table->resolve(to_other, 21, 0, 8, kGrantRead).ok()) << "other grantees keep theirs";
    EXPECT_TRUE(table->resolve(to_anyone, 20, 0, 8, kGrantRead).ok()) << "a grant to anyone names no process";
    EXPECT_EQ(table->revoke(to_ended).error(), Error::NotFound) << "the granter's own revoke then finds it gone";
    EXPECT_EQ(table->revoke_grantee(20), 0u);
}

TEST(GrantOutlivesItsGrantee, EveryGrantToItGoesWhereverItsSlotIs) {
    auto table = std::make_unique<GrantTable>();
    EXPECT_EQ(table->revoke_grantee(20), 0u) << "an empty table";
    uint64_t first = table->create(20, 0x500000, 8, kGrantRead).value();
    uint64_t between = table->create(21, 0x510000, 8, kGrantRead).value();
    uint64_t last = table->create(20, 0x520000, 8, kGrantRead).value();
    ASSERT_TRUE(table->revoke(between).ok());
    EXPECT_EQ(table->revoke_grantee(20), 2u) << "found past a revoked slot";
    EXPECT_EQ(table->resolve(first, 20, 0, 1, kGrantRead).error(), Error::NotFound);
    EXPECT_EQ(table->resolve(last, 20, 0, 1, kGrantRead).error(), Error::NotFound);
    uint64_t again = table->create(20, 0x530000, 8, kGrantRead).value();
    table->clear();
    EXPECT_EQ(table->resolve(again, 20, 0, 1, kGrantRead).error(), Error::NotFound);
    uint64_t after_clear = table->create(20, 0x540000, 8, kGrantRead).value();
    EXPECT_EQ(table->revoke_grantee(20), 1u) << "the count starts again after clear";
    EXPECT_EQ(table->resolve(after_clear, 20, 0, 1, kGrantRead).error(), Error::NotFound);
}
