// dma_rules_test.cpp — DmaAlloc's checks: alignment, user range, per-call
// and per-process bounds; DmaInherit's window.
#include "memory/dma_rules.h"

#include <gtest/gtest.h>
#include <neurath/syscall.h>

using kernel::check_dma_inherit_window;
using kernel::check_dma_request;
using neurath::Error;

namespace {

constexpr uint64_t kAddress = 0x0000200000000000;

TEST(DmaRules, AcceptsAlignedWindowAndCountsPages) {
    auto request = check_dma_request(kAddress, 3 * 4096, 0);
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request.value().address, kAddress);
    EXPECT_EQ(request.value().pages, 3u);
}

TEST(DmaRules, RefusesEmptyAndUnaligned) {
    EXPECT_EQ(check_dma_request(kAddress, 0, 0).error(), Error::InvalidArgument);
    EXPECT_EQ(check_dma_request(kAddress + 8, 4096, 0).error(), Error::InvalidArgument);
    EXPECT_EQ(check_dma_request(kAddress, 4095, 0).error(), Error::InvalidArgument);
}

TEST(DmaRules, RefusesMoreThanOneCallMayTake) {
    EXPECT_TRUE(check_dma_request(kAddress, neurath::kDmaMaxLength, 0).ok());
    EXPECT_EQ(check_dma_request(kAddress, neurath::kDmaMaxLength + 4096, 0).error(), Error::InvalidArgument);
}

TEST(DmaRules, RefusesAddressesOutsideTheUserRange) {
    EXPECT_EQ(check_dma_request(0x1000, 4096, 0).error(), Error::BadAddress);
    EXPECT_EQ(check_dma_request(0xFFFF800000000000, 4096, 0).error(), Error::BadAddress);
    EXPECT_EQ(check_dma_request(0x00007FFFFFFFF000, 2 * 4096, 0).error(), Error::BadAddress);
}

TEST(DmaRules, EnforcesThePerProcessBudget) {
    const uint64_t budget_pages = neurath::kDmaMaxTotal / 4096;
    EXPECT_TRUE(check_dma_request(kAddress, 4096, budget_pages - 1).ok());
    EXPECT_EQ(check_dma_request(kAddress, 4096, budget_pages).error(), Error::NoMemory);
    EXPECT_EQ(check_dma_request(kAddress, 2 * 4096, budget_pages - 1).error(), Error::NoMemory);
}

TEST(DmaRules, AnInheritWindowIsAlignedBoundedAndInTheUserRange) {
    auto window = check_dma_inherit_window(kAddress, 5 * 4096);
    ASSERT_TRUE(window.ok());
    EXPECT_EQ(window.value().pages, 5u);
    EXPECT_TRUE(check_dma_inherit_window(kAddress, neurath::kDmaInheritMaxLength).ok());
    EXPECT_EQ(check_dma_inherit_window(kAddress, neurath::kDmaInheritMaxLength + 4096).error(), Error::InvalidArgument);
    EXPECT_EQ(check_dma_inherit_window(kAddress, 0).error(), Error::InvalidArgument);
    EXPECT_EQ(check_dma_inherit_window(kAddress + 4, 4096).error(), Error::InvalidArgument);
    EXPECT_EQ(check_dma_inherit_window(0x1000, 4096).error(), Error::BadAddress);
    EXPECT_EQ(check_dma_inherit_window(0x00007FFFFFFFF000, 4096).error(), Error::BadAddress);
}

}  // namespace
