// format.h — printf-style formatting into a caller-supplied sink, shared by
// the kernel log and testable on the host.
//
// Entry points: format_to(sink, context, fmt, args), format_to_buffer(...).
// Supported conversions: %s %c %d %i %u %x %p %% with optional 'l'/'ll'/'z'
// length, zero padding and width (e.g. %016lx).
#pragma once

#include <stdarg.h>
#include <stddef.h>

namespace kernel {

using FormatSink = void (*)(void* context, const char* text, size_t length);

void format_to(FormatSink sink, void* context, const char* format, va_list args);

// Formats into buffer (always NUL-terminated when capacity > 0); returns the
// number of characters written, excluding the NUL.
size_t format_to_buffer(char* buffer, size_t capacity, const char* format, ...)
    __attribute__((format(printf, 3, 4)));

}  // namespace kernel
