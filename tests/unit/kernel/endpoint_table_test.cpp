// endpoint_table_test.cpp — stable endpoint names across death and restart.
#include "proc/endpoint_table.h"

#include <gtest/gtest.h>

#include <memory>

using namespace kernel;
using neurath::Error;

namespace {

TEST(EndpointTable, BindLookupAndDeath) {
    auto table = std::make_unique<EndpointTable>();
    EXPECT_EQ(table->lookup(neurath::kPm).error(), Error::NoSuchEndpoint);
    ASSERT_TRUE(table->bind(neurath::kPm, 7, "pm").ok());
    EXPECT_EQ(table->lookup(neurath::kPm).value(), 7);
    EXPECT_STREQ(table->name_of(neurath::kPm), "pm");
    EXPECT_EQ(table->bind(neurath::kPm, 8, "pm2").error(), Error::AlreadyExists);
    table->mark_dead(neurath::kPm);
    EXPECT_EQ(table->lookup(neurath::kPm).error(), Error::DeadEndpoint);
    EXPECT_EQ(table->status(neurath::kPm), EndpointStatus::Dead);
}

TEST(EndpointTable, RestartKeepsTheName) {
    auto table = std::make_unique<EndpointTable>();
    ASSERT_TRUE(table->bind(neurath::kVfs, 3, "vfs").ok());
    table->mark_dead(neurath::kVfs);
    ASSERT_TRUE(table->bind(neurath::kVfs, 9, "vfs").ok());
    EXPECT_EQ(table->lookup(neurath::kVfs).value(), 9);
}

TEST(EndpointTable, KernelAndOutOfRangeCannotBeBound) {
    auto table = std::make_unique<EndpointTable>();
    EXPECT_EQ(table->bind(neurath::kKernel, 1, "x").error(), Error::InvalidArgument);
    EXPECT_EQ(table->bind(neurath::kMaxEndpoints, 1, "x").error(), Error::InvalidArgument);
    EXPECT_EQ(table->bind(neurath::kAny, 1, "x").error(), Error::InvalidArgument);
    EXPECT_EQ(table->lookup(neurath::kAny).error(), Error::NoSuchEndpoint);
    EXPECT_EQ(table->lookup(1000).error(), Error::NoSuchEndpoint);
}

TEST(EndpointTable, UserAllocationPrefersUnusedThenReusesDead) {
    auto table = std::make_unique<EndpointTable>();
    auto first = table->allocate_user();
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first.value(), neurath::kFirstUserEndpoint);
    ASSERT_TRUE(table->bind(first.value(), 0, "a").ok());
    table->mark_dead(first.value());
    auto second = table->allocate_user();
    EXPECT_EQ(second.value(), neurath::kFirstUserEndpoint + 1);  // the dead name is not reused at once
    int32_t slot = 1;
    for (;;) {
        auto next = table->allocate_user();
        ASSERT_TRUE(next.ok());
        if (table->status(next.value()) == EndpointStatus::Dead) {
            EXPECT_EQ(next.value(), neurath::kFirstUserEndpoint);
            break;
        }
        ASSERT_TRUE(table->bind(next.value(), slot++, "p").ok());
    }
    ASSERT_TRUE(table->bind(neurath::kFirstUserEndpoint, slot, "p").ok());
    EXPECT_EQ(table->allocate_user().error(), Error::NoSpace);
}

}  // namespace

namespace {

TEST(EndpointTable, SwapExchangesLiveBindings) {
    auto table = std::make_unique<kernel::EndpointTable>();
    ASSERT_TRUE(table->bind(neurath::kVfs, 3, "vfs-old").ok());
    ASSERT_TRUE(table->bind(40, 9, "vfs-new").ok());
    ASSERT_TRUE(table->swap(neurath::kVfs, 40).ok());
    EXPECT_EQ(table->lookup(neurath::kVfs).value(), 9);
    EXPECT_STREQ(table->name_of(neurath::kVfs), "vfs-new");
    EXPECT_EQ(table->lookup(40).value(), 3);
    EXPECT_EQ(table->swap(40, 40).error(), neurath::Error::InvalidArgument);
    EXPECT_EQ(table->swap(40, 41).error(), neurath::Error::NoSuchEndpoint);
    table->mark_dead(40);
    EXPECT_EQ(table->swap(neurath::kVfs, 40).error(), neurath::Error::DeadEndpoint);
    EXPECT_EQ(table->lookup(neurath::kVfs).value(), 9);  // a refused swap changes nothing
}

}  // namespace
