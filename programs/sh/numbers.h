// numbers.h — strict decimal parsing for command arguments.
//
// Entry point: parse_unsigned ("12" -> 12; "", "-1", "1x", overflow ->
// InvalidArgument). Header-only and pure, so programs and host tests share it.
#pragma once

#include <stdint.h>
#include <sys/result.h>

namespace shell {

inline sys::Result<uint64_t> parse_unsigned(const char* text) {
    if (text == nullptr || *text == '\0') return neurath::Error::InvalidArgument;
    uint64_t value = 0;
    for (; *text != '\0'; ++text) {
        if (*text < '0' || *text > '9') return neurath::Error::InvalidArgument;
        const uint64_t digit = static_cast<uint64_t>(*text - '0');
        if (value > (UINT64_MAX - digit) / 10) return neurath::Error::InvalidArgument;
        value = value * 10 + digit;
    }
    return value;
}

}  // namespace shell
