// kernel_stack_layout_test.cpp — the guarded kernel stacks
// (memory/kernel_stack_layout.h). Regression for the bug where the kernel
// stack and the double-fault stack were plain arrays among kernel data, so
// a fault report landed on the process table and printed garbage.
#include "memory/kernel_stack_layout.h"

#include <gtest/gtest.h>

using namespace kernel;

namespace {

KernelStack stack_number(unsigned i) { return static_cast<KernelStack>(i); }

TEST(KernelStackGuardPages, EveryStackHasAnUnmappedPageBelowIt) {
    for (unsigned i = 0; i < kKernelStackCount; ++i) {
        KernelStack stack = stack_number(i);
        EXPECT_EQ(guard_page(stack) + kPageSize, stack_bottom(stack));
        EXPECT_EQ(stack_guarded_at(guard_page(stack)), stack);
        EXPECT_EQ(stack_guarded_at(stack_bottom(stack) - 8), stack);  // the first push past the bottom
        EXPECT_EQ(stack_guarded_at(stack_bottom(stack)), KernelStack::Count);
        for (unsigned j = 0; j < kKernelStackCount; ++j) {
            KernelStack other = stack_number(j);
            bool guard_inside_other = guard_page(stack) >= stack_bottom(other) && guard_page(stack) < stack_top(other);
            EXPECT_FALSE(guard_inside_other) << i << " " << j;
        }
    }
}

TEST(KernelStackGuardPages, NoStackTouchesAnotherOrTheRegionEdges) {
    EXPECT_EQ(guard_page(KernelStack::Kernel), kKernelStackRegion);
    for (unsigned i = 0; i + 1 < kKernelStackCount; ++i) {
        EXPECT_EQ(stack_top(stack_number(i)), guard_page(stack_number(i + 1)));
    }
    uint64_t last_top = stack_top(stack_number(kKernelStackCount - 1));
    EXPECT_EQ(last_top + kPageSize, kKernelStackRegion + kernel_stack_region_used());
    EXPECT_LE(kernel_stack_region_used(), kKernelStackRegionSize);
}

TEST(KernelStackGuardPages, RegionIsOutsideTheKernelImageAndDirectMap) {
    EXPECT_EQ(table_index(4, kKernelStackRegion), 511u);
    EXPECT_EQ(table_index(3, kKernelStackRegion), 511u);
    EXPECT_NE(table_index(3, kKernelStackRegion), table_index(3, kKernelBase));
    EXPECT_EQ(kKernelStackRegion % kKernelStackRegionSize, 0u);
}

TEST(KernelStackGuardPages, ExceptionStacksHaveTheirOwnIstEntries) {
    EXPECT_EQ(ist_index(KernelStack::Kernel), 0u);
    for (unsigned i = 1; i < kKernelStackCount; ++i) {
        EXPECT_GE(ist_index(stack_number(i)), 1u);
        EXPECT_LE(ist_index(stack_number(i)), 7u);
    }
    EXPECT_EQ(stack_pages(KernelStack::Kernel) * kPageSize, 32u * 1024);
}

TEST(KernelStackGuardPages, AddressesOutsideGuardPagesNameNoStack) {
    EXPECT_EQ(stack_guarded_at(0), KernelStack::Count);
    EXPECT_EQ(stack_guarded_at(kKernelBase), KernelStack::Count);
    EXPECT_EQ(stack_guarded_at(stack_top(KernelStack::Kernel) - 8), KernelStack::Count);
    EXPECT_STREQ(kernel_stack_name(stack_guarded_at(guard_page(KernelStack::DoubleFault))), "double-fault");
}

}  // namespace
