// stdio.cpp — console output: printf/puts/putchar go to the tty server
// (programs), sys::log goes to the kernel console through DebugWrite
// (servers), snprintf/vsnprintf format into memory.
//
// printf formats into a stack buffer of kLineBuffer bytes and sends it in one
// tty write; longer output is formatted again into a heap buffer of the
// exact size (truncated only if that allocation fails). sys::log truncates
// at kLineBuffer bytes.
#include <sys/format.h>
#include <sys/heap.h>
#include <sys/kcall.h>
#include <sys/stdio.h>
#include <sys/tty_client.h>

namespace {
constexpr size_t kLineBuffer = 1024;

size_t stored_length(int formatted, size_t capacity) {
    if (formatted < 0) return 0;
    const auto length = static_cast<size_t>(formatted);
    return length < capacity ? length : capacity - 1;
}
}  // namespace

namespace sys {

Result<size_t> console_write(const char* text, size_t length) { return tty::write(text, length); }

void log(const char* pattern, ...) {
    char buffer[kLineBuffer];
    va_list arguments;
    va_start(arguments, pattern);
    const int length = vformat(buffer, sizeof buffer, pattern, arguments);
    va_end(arguments);
    debug_write(buffer, stored_length(length, sizeof buffer));
}

}  // namespace sys

extern "C" {

int vsnprintf(char* out, size_t capacity, const char* pattern, va_list arguments) {
    return sys::vformat(out, capacity, pattern, arguments);
}

int snprintf(char* out, size_t capacity, const char* pattern, ...) {
    va_list arguments;
    va_start(arguments, pattern);
    const int length = sys::vformat(out, capacity, pattern, arguments);
    va_end(arguments);
    return length;
}

int vprintf(const char* pattern, va_list arguments) {
    char buffer[kLineBuffer];
    va_list again;
    va_copy(again, arguments);
    const int length = sys::vformat(buffer, sizeof buffer, pattern, arguments);
    char* text = buffer;
    size_t size = stored_length(length, sizeof buffer);
    if (length >= 0 && static_cast<size_t>(length) >= sizeof buffer) {
        if (char* large = static_cast<char*>(malloc(static_cast<size_t>(length) + 1))) {
            sys::vformat(large, static_cast<size_t>(length) + 1, pattern, again);
            text = large;
            size = static_cast<size_t>(length);
        }
    }
    va_end(again);
    auto written = sys::console_write(text, size);
    if (text != buffer) free(text);
    return written.is_error() ? -1 : length;
}

int printf(const char* pattern, ...) {
    va_list arguments;
    va_start(arguments, pattern);
    const int length = vprintf(pattern, arguments);
    va_end(arguments);
    return length;
}

int puts(const char* text) { return printf("%s\n", text); }

int putchar(int character) {
    const char c = static_cast<char>(character);
    return sys::console_write(&c, 1).is_error() ? -1 : character;
}

}  // extern "C"
