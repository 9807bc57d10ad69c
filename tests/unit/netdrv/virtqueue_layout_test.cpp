// virtqueue_layout_test.cpp — the legacy split-virtqueue layout: descriptor
// table, available ring, used ring on the next 4 KiB boundary.
#include "virtqueue_layout.h"

#include <gtest/gtest.h>

using netdrv::legacy_layout;

namespace {

TEST(VirtqueueLayout, QemuNetQueueOf256) {
    const auto layout = legacy_layout(256);
    EXPECT_EQ(layout.avail_offset, 4096u);              // 256 descriptors of 16 bytes
    EXPECT_EQ(layout.used_offset, 8192u);               // 4096 + 6 + 512 rounded up to a page
    EXPECT_EQ(layout.total_bytes, 12288u);              // 6 + 8 * 256 rounded up
}

TEST(VirtqueueLayout, SmallQueueStillPageAlignsTheUsedRing) {
    const auto layout = legacy_layout(16);
    EXPECT_EQ(layout.avail_offset, 256u);
    EXPECT_EQ(layout.used_offset, 4096u);
    EXPECT_EQ(layout.total_bytes, 8192u);
    EXPECT_EQ(layout.used_offset % netdrv::kLegacyQueueAlign, 0u);
}

TEST(VirtqueueLayout, LargestQueue) {
    const auto layout = legacy_layout(32768);
    EXPECT_EQ(layout.avail_offset, 524288u);
    EXPECT_EQ(layout.used_offset % 4096, 0u);
    EXPECT_GE(layout.total_bytes, layout.used_offset + 6 + 8u * 32768);
}

}  // namespace
