// frame_bitmap_test.cpp — the physical frame allocator's bitmap.
#include "memory/frame_bitmap.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

using kernel::FrameBitmap;
using kernel::kFrameSize;
using neurath::Error;

namespace {

struct Bitmap {
    explicit Bitmap(uint64_t frames) : words((frames + 63) / 64) { bitmap.init(words.data(), frames); }
    std::vector<uint64_t> words;
    FrameBitmap bitmap;
};

TEST(FrameBitmap, StartsWithEveryFrameUsed) {
    Bitmap b(100);
    EXPECT_EQ(b.bitmap.free_count(), 0u);
    EXPECT_EQ(b.bitmap.allocate().error(), Error::NoMemory);
}

TEST(FrameBitmap, FreeRangesRoundInwardsAndUsedRangesOutwards) {
    Bitmap b(100);
    b.bitmap.mark_free(kFrameSize + 1, 5 * kFrameSize - 1);  // frames 2 and 3 only
    EXPECT_EQ(b.bitmap.free_count(), 2u);
    EXPECT_TRUE(b.bitmap.is_used(kFrameSize));
    EXPECT_FALSE(b.bitmap.is_used(2 * kFrameSize));
    EXPECT_TRUE(b.bitmap.is_used(4 * kFrameSize));
    b.bitmap.mark_used(3 * kFrameSize + 10, 3 * kFrameSize + 11);  // touches frame 3
    EXPECT_EQ(b.bitmap.free_count(), 1u);
}

TEST(FrameBitmap, AllocatesEachFreeFrameExactlyOnce) {
    Bitmap b(200);
    b.bitmap.mark_free(10 * kFrameSize, 150 * kFrameSize);
    b.bitmap.mark_used(20 * kFrameSize, 30 * kFrameSize);  // a reserved hole (e.g. a module)
    std::set<uint64_t> seen;
    for (;;) {
        auto frame = b.bitmap.allocate();
        if (frame.is_error()) {
            EXPECT_EQ(frame.error(), Error::NoMemory);
            break;
        }
        EXPECT_EQ(frame.value() % kFrameSize, 0u);
        EXPECT_TRUE(frame.value() < 20 * kFrameSize || frame.value() >= 30 * kFrameSize);
        EXPECT_TRUE(seen.insert(frame.value()).second);
    }
    EXPECT_EQ(seen.size(), 130u);
}

TEST(FrameBitmap, ReleaseRejectsDoubleFreeAndMisalignment) {
    Bitmap b(64);
    b.bitmap.mark_free(0, 64 * kFrameSize);
    auto frame = b.bitmap.allocate();
    ASSERT_TRUE(frame.ok());
    EXPECT_TRUE(b.bitmap.release(frame.value()).ok());
    EXPECT_EQ(b.bitmap.release(frame.value()).error(), Error::InvalidArgument);
    EXPECT_EQ(b.bitmap.release(frame.value() + 1).error(), Error::InvalidArgument);
    EXPECT_EQ(b.bitmap.release(1000 * kFrameSize).error(), Error::InvalidArgument);
}

TEST(FrameBitmap, ContiguousAllocationSkipsHoles) {
    Bitmap b(64);
    b.bitmap.mark_free(0, 64 * kFrameSize);
    b.bitmap.mark_used(3 * kFrameSize, 4 * kFrameSize);
    auto run = b.bitmap.allocate_contiguous(5);
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run.value(), 4 * kFrameSize);
    EXPECT_EQ(b.bitmap.allocate_contiguous(100).error(), Error::NoMemory);
    EXPECT_EQ(b.bitmap.allocate_contiguous(0).error(), Error::InvalidArgument);
}

TEST(FrameBitmap, FreeRangesBeyondTheManagedSizeAreIgnored) {
    Bitmap b(16);
    b.bitmap.mark_free(0, 1000 * kFrameSize);
    EXPECT_EQ(b.bitmap.free_count(), 16u);
}

}  // namespace
