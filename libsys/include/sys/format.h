// format.h — printf-style formatting into memory.
//
// Supported: %d %i %u %x %X %p %s %c %%; modifiers l, ll, z; field width
// (literal or *), '0' pad, '-' left-justify, precision for %s (".N" or ".*").
// Unknown conversions are copied through literally. Output is always
// NUL-terminated when capacity > 0; the return value is the length the full
// output would have had (like vsnprintf), so truncation is detectable.
//
// Entry points: sys::vformat, sys::format; C names snprintf / vsnprintf
// are provided on the target (see <sys/stdio.h>).
#pragma once

#include <stdarg.h>
#include <stddef.h>

namespace sys {

int vformat(char* out, size_t capacity, const char* pattern, va_list arguments);
__attribute__((format(printf, 3, 4))) int format(char* out, size_t capacity, const char* pattern, ...);

}  // namespace sys
