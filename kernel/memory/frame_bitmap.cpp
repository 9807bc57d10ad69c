// frame_bitmap.cpp — bitmap frame allocator (see frame_bitmap.h).
//
// Entry points: FrameBitmap methods.
#include "memory/frame_bitmap.h"

namespace kernel {

void FrameBitmap::init(uint64_t* words, uint64_t frame_count) {
    words_ = words;
    frame_count_ = frame_count;
    free_count_ = 0;
    search_hint_ = 0;
    for (uint64_t i = 0; i < (frame_count + 63) / 64; ++i) words_[i] = ~uint64_t{0};
}

bool FrameBitmap::is_used(uint64_t physical) const {
    uint64_t frame = physical / kFrameSize;
    if (frame >= frame_count_) return true;
    return (words_[frame / 64] >> (frame % 64)) & 1;
}

void FrameBitmap::set_used(uint64_t frame, bool used) {
    uint64_t bit = uint64_t{1} << (frame % 64);
    bool was_used = (words_[frame / 64] & bit) != 0;
    if (was_used == used) return;
    if (used) {
        words_[frame / 64] |= bit;
        --free_count_;
    } else {
        words_[frame / 64] &= ~bit;
        ++free_count_;
    }
}

void FrameBitmap::mark_free(uint64_t physical_start, uint64_t physical_end) {
    uint64_t first = (physical_start + kFrameSize - 1) / kFrameSize;
    uint64_t last = physical_end / kFrameSize;  // exclusive
    if (last > frame_count_) last = frame_count_;
    for (uint64_t frame = first; frame < last; ++frame) set_used(frame, false);
}

void FrameBitmap::mark_used(uint64_t physical_start, uint64_t physical_end) {
    uint64_t first = physical_start / kFrameSize;
    uint64_t last = (physical_end + kFrameSize - 1) / kFrameSize;
    if (last > frame_count_) last = frame_count_;
    for (uint64_t frame = first; frame < last; ++frame) set_used(frame, true);
}

Result<uint64_t> FrameBitmap::allocate() {
    uint64_t word_count = (frame_count_ + 63) / 64;
    for (uint64_t step = 0; step < word_count; ++step) {
        uint64_t word = (search_hint_ + step) % word_count;
        if (words_[word] == ~uint64_t{0}) continue;
        for (uint64_t bit = 0; bit < 64; ++bit) {
            uint64_t frame = word * 64 + bit;
            if (frame >= frame_count_) break;
            if ((words_[word] >> bit) & 1) continue;
            set_used(frame, true);
            search_hint_ = word;
            return frame * kFrameSize;
        }
    }
    return Error::NoMemory;
}

Result<uint64_t> FrameBitmap::allocate_contiguous(uint64_t count) {
    if (count == 0) return Error::InvalidArgument;
    uint64_t run = 0;
    for (uint64_t frame = 0; frame < frame_count_; ++frame) {
        run = is_used(frame * kFrameSize) ? 0 : run + 1;
        if (run == count) {
            uint64_t first = frame + 1 - count;
            for (uint64_t f = first; f <= frame; ++f) set_used(f, true);
            return first * kFrameSize;
        }
    }
    return Error::NoMemory;
}

Result<void> FrameBitmap::release(uint64_t physical) {
    if (physical % kFrameSize != 0) return Error::InvalidArgument;
    uint64_t frame = physical / kFrameSize;
    if (frame >= frame_count_ || !is_used(physical)) return Error::InvalidArgument;
    set_used(frame, false);
    return {};
}

}  // namespace kernel
