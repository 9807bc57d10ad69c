// count_v1_test.cpp — ds version 1 (the boot version) does not serve
// protocol::ds::kCount: a client asking gets BadMessage, like any unknown
// request (ds.next serves it: ds_next_test.cpp).
#include <gtest/gtest.h>
#include <sys/ds_client.h>

#include <memory>

#include "fake_kernel.h"
#include "handlers.h"

TEST(DsVersionOne, CountIsAnsweredBadMessage) {
    auto state = std::make_unique<ds::DsState>();
    const sys::DispatchTable<ds::DsState> table = ds::make_table();
    fake::kernel() = fake::Kernel{};
    fake::install(neurath::kDs, table, *state);
    ASSERT_TRUE(sys::ds::publish("motd", "hello", 5).ok());
    EXPECT_EQ(sys::ds::count("").error(), neurath::Error::BadMessage);
}
