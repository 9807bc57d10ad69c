// unmap_rules_test.cpp — Unmap's argument checks: a non-empty, page-aligned
// window of at most kMaxUnmapLength inside the user range.
#include "memory/unmap_rules.h"

#include <gtest/gtest.h>

#include "memory/paging.h"

using kernel::check_unmap_request;
using neurath::Error;

namespace {

constexpr uint64_t kAddress = 0x0000200000000000;

TEST(UnmapRules, AcceptsAlignedWindowInTheUserRange) {
    auto request = check_unmap_request(kAddress, 3 * 4096);
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request.value().address, kAddress);
    EXPECT_EQ(request.value().length, 3u * 4096);
}

TEST(UnmapRules, RefusesEmptyUnalignedAndTooLong) {
    EXPECT_EQ(check_unmap_request(kAddress, 0).error(), Error::InvalidArgument);
    EXPECT_EQ(check_unmap_request(kAddress + 8, 4096).error(), Error::InvalidArgument);
    EXPECT_EQ(check_unmap_request(kAddress, 4095).error(), Error::InvalidArgument);
    EXPECT_TRUE(check_unmap_request(kAddress, kernel::kMaxUnmapLength).ok());
    EXPECT_EQ(check_unmap_request(kAddress, kernel::kMaxUnmapLength + 4096).error(), Error::InvalidArgument);
}

TEST(UnmapRules, RefusesWindowsOutsideTheUserRange) {
    EXPECT_EQ(check_unmap_request(0, 4096).error(), Error::BadAddress);
    EXPECT_EQ(check_unmap_request(kernel::kUserEnd, 4096).error(), Error::BadAddress);
    EXPECT_EQ(check_unmap_request(kernel::kUserEnd - 4096, 2 * 4096).error(), Error::BadAddress);
    EXPECT_EQ(check_unmap_request(0xFFFF800000000000ull, 4096).error(), Error::BadAddress);
}

}  // namespace
