// tty_client.h — client stubs for the console driver (protocol/tty.h).
//
// Entry points: sys::tty::write, sys::tty::read_line (blocks until a line
// is typed; the result is NUL-terminated, without the newline),
// sys::tty::read_line_now (the same, but WouldBlock when no whole line was
// typed yet).
#pragma once

#include <protocol/tty.h>
#include <sys/kcall.h>
#include <sys/result.h>

namespace sys::tty {

Result<size_t> write(const char* text, size_t length);
// capacity includes room for the terminating NUL.
Result<size_t> read_line(char* line, size_t capacity);
Result<size_t> read_line_now(char* line, size_t capacity);

}  // namespace sys::tty
