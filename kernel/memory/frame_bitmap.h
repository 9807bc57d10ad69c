// frame_bitmap.h — the physical frame allocator's bookkeeping: one bit per
// 4 KiB frame (1 = in use). Pure logic over caller-provided storage, so the
// same code runs in the kernel and in host unit tests.
//
// Entry points: FrameBitmap::init, mark_free/mark_used (physical ranges),
// allocate, allocate_contiguous, release, free_count.
// Invariants: frames start "used"; only ranges declared free by the memory map
// become allocatable; releasing a frame that is not allocated is an error
// (-InvalidArgument), never silent corruption.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "core/result.h"

namespace kernel {

inline constexpr uint64_t kFrameSize = 4096;

class FrameBitmap {
public:
    // words must hold at least (frame_count + 63) / 64 entries.
    void init(uint64_t* words, uint64_t frame_count);

    // Round inwards for free ranges (a partial frame is never handed out) and
    // outwards for used ranges.
    void mark_free(uint64_t physical_start, uint64_t physical_end);
    void mark_used(uint64_t physical_start, uint64_t physical_end);

    // Physical address of a free frame, now marked used; -NoMemory when none.
    Result<uint64_t> allocate();
    // Physical address of `count` consecutive free frames.
    Result<uint64_t> allocate_contiguous(uint64_t count);
    Result<void> release(uint64_t physical);

    bool is_used(uint64_t physical) const;
    uint64_t free_count() const { return free_count_; }
    uint64_t frame_count() const { return frame_count_; }

private:
    void set_used(uint64_t frame, bool used);

    uint64_t* words_ = nullptr;
    uint64_t frame_count_ = 0;
    uint64_t free_count_ = 0;
    uint64_t search_hint_ = 0;
};

}  // namespace kernel
