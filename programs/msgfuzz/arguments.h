// arguments.h — the fuzzers' lenient number arguments (msgfuzz, stallfuzz):
// a count or a seed that is missing or does not start with a digit takes its
// default, digits are read up to the first other character, and a value stops
// growing past 2^40.
//
// Entry point: fuzz::parse_number.
#pragma once

#include <stdint.h>

namespace fuzz {

inline uint64_t parse_number(const char* text, uint64_t fallback) {
    if (text == nullptr || *text < '0' || *text > '9') return fallback;
    uint64_t value = 0;
    for (; *text >= '0' && *text <= '9' && value < (1ull << 40); ++text) value = value * 10 + (*text - '0');
    return value;
}

}  // namespace fuzz
