// pinned_layout_test.cpp — an object that imprecise state points to must
// keep its address and so its layout: version 2 reorders its fields, and the
// transfer refuses, naming the object, and leaves the new version's state as
// it was.
#include <gtest/gtest.h>

#include <string>

#include "harness.h"
#include "program.h"

using namespace libupdate;

TEST(PinnedLayout, AKeptObjectWhoseLayoutChangedIsRefused) {
    std::string before = test_program::digest();
    uint64_t objects = harness::live_objects();
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old());
    ASSERT_FALSE(stats.ok()) << "a kept object changed layout under a likely pointer";
    EXPECT_EQ(stats.error().code, neurath::Error::NotSupported);
    EXPECT_NE(std::string(stats.error().text).find("(struct record): must keep its address (imprecise state points to it) "
                                                   "but its type changed layout"),
              std::string::npos)
        << stats.error().text;
    EXPECT_EQ(harness::live_objects(), objects);
    EXPECT_EQ(test_program::digest(), before);
}
