// update_rules_test.cpp — the live-update rules: the state-read capability
// names one process, and only rs may swap kRs.
#include "ipc/update_rules.h"

#include <gtest/gtest.h>

using namespace kernel;
using neurath::Error;

namespace {

TEST(StateRead, OnlyTheStateSourceItself) {
    EXPECT_TRUE(check_state_read(7, 7).ok());
    EXPECT_EQ(check_state_read(7, 8).error(), Error::PermissionDenied) << "another process";
    EXPECT_EQ(check_state_read(0, 7).error(), Error::PermissionDenied) << "no capability";
    EXPECT_EQ(check_state_read(0, 0).error(), Error::PermissionDenied) << "0 is no pid, never a match";
}

TEST(StateRead, ARestartAtTheSameEndpointIsAnotherProcess) {
    const uint64_t old_version = 12;
    const uint64_t restarted = 13;  // pids are new for every process, restarts included
    EXPECT_EQ(check_state_read(old_version, restarted).error(), Error::PermissionDenied);
}

TEST(SwapNames, ServersMaySwapAmongThemselves) {
    EXPECT_TRUE(check_swap_names(neurath::kRs, neurath::kDs, 40).ok());
    EXPECT_TRUE(check_swap_names(neurath::kPm, neurath::kDs, 40).ok()) << "the privilege is checked before";
    EXPECT_EQ(check_swap_names(neurath::kRs, neurath::kDs, neurath::kDs).error(), Error::InvalidArgument);
}

TEST(SwapNames, OnlyRsSwapsRs) {
    EXPECT_TRUE(check_swap_names(neurath::kRs, neurath::kRs, 40).ok()) << "rs updating itself";
    EXPECT_TRUE(check_swap_names(neurath::kRs, 40, neurath::kRs).ok());
    EXPECT_EQ(check_swap_names(neurath::kPm, neurath::kRs, 40).error(), Error::PermissionDenied);
    EXPECT_EQ(check_swap_names(40, 40, neurath::kRs).error(), Error::PermissionDenied) << "taking kRs for itself";
    EXPECT_EQ(check_swap_names(neurath::kRs, neurath::kRs, neurath::kRs).error(), Error::InvalidArgument);
}

}  // namespace
