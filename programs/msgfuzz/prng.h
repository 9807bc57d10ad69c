// prng.h — a small deterministic pseudo-random generator (xorshift64*), so a
// fuzzing run with the same seed sends exactly the same messages.
//
// Entry points: Prng::next, Prng::below, Prng::fill.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace fuzz {

class Prng {
public:
    explicit Prng(uint64_t seed) : state_(seed == 0 ? 0x9e3779b97f4a7c15ull : seed) {}

    uint64_t next() {
        state_ ^= state_ >> 12;
        state_ ^= state_ << 25;
        state_ ^= state_ >> 27;
        return state_ * 0x2545f4914f6cdd1dull;
    }
    uint64_t below(uint64_t bound) { return bound == 0 ? 0 : next() % bound; }
    void fill(uint8_t* bytes, size_t length) {
        for (size_t i = 0; i < length; ++i) bytes[i] = static_cast<uint8_t>(next() >> 56);
    }

private:
    uint64_t state_;
};

}  // namespace fuzz
