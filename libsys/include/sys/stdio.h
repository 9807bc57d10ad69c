// stdio.h (sys) — console output and C formatting names for user space.
//
// Programs print to the console through the tty server; servers cannot
// depend on tty (it may be the one restarting), so they log through the
// kernel's DebugWrite with sys::log. Entry points:
//   printf / puts / putchar   -> tty server (programs)
//   snprintf / vsnprintf      -> memory (everyone)
//   sys::log(fmt, ...)        -> kernel console, prefixed by nothing, no newline added
//   sys::console_write(text, length) -> tty server, returns bytes written
#pragma once

#include <stdarg.h>
#include <stddef.h>
#include <sys/result.h>

#if __has_include(<stdio.h>)
#include <stdio.h>
#else
extern "C" {
__attribute__((format(printf, 1, 2))) int printf(const char* pattern, ...);
int vprintf(const char* pattern, va_list arguments);
int puts(const char* text);
int putchar(int character);
__attribute__((format(printf, 3, 4))) int snprintf(char* out, size_t capacity, const char* pattern, ...);
int vsnprintf(char* out, size_t capacity, const char* pattern, va_list arguments);
}
#endif

namespace sys {

__attribute__((format(printf, 1, 2))) void log(const char* pattern, ...);
Result<size_t> console_write(const char* text, size_t length);

}  // namespace sys
