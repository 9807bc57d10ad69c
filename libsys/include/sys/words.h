// words.h — checking a word received in a fixed-size message field: a
// NUL-terminated, non-empty run of printable ASCII without spaces (the keys
// of ds and of kvd). Header-only and pure, so host tests need no source.
//
// Entry point: sys::validate_word.
#pragma once

#include <neurath/error.h>
#include <stddef.h>
#include <sys/result.h>

namespace sys {

// NameTooLong: no NUL inside the field; InvalidArgument: empty, or a
// character that is not printable or is a space.
inline Result<void> validate_word(const char* field, size_t capacity) {
    size_t length = 0;
    while (length < capacity && field[length] != '\0') ++length;
    if (length == capacity) return Error::NameTooLong;
    if (length == 0) return Error::InvalidArgument;
    for (size_t i = 0; i < length; ++i)
        if (field[i] <= ' ' || field[i] > '~') return Error::InvalidArgument;
    return {};
}

}  // namespace sys
