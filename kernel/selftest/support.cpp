// support.cpp — console output, strings and the C memory primitives for the
// freestanding kernel self-test.
//
// Entry points: see kernel_calls.h.
#include "kernel_calls.h"

namespace selftest {

size_t text_length(const char* text) {
    size_t length = 0;
    while (text[length] != '\0') ++length;
    return length;
}

void write_text(const char* text) { call(Sys::DebugWrite, reinterpret_cast<uint64_t>(text), text_length(text)); }

void write_number(int64_t value) {
    char digits[24];
    int at = 23;
    digits[at] = '\0';
    uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    do {
        digits[--at] = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (value < 0) digits[--at] = '-';
    write_text(digits + at);
}

bool text_equal(const char* a, const char* b) {
    while (*a != '\0' && *a == *b) {
        ++a;
        ++b;
    }
    return *a == *b;
}

int64_t parse_number(const char* text) {
    bool negative = *text == '-';
    if (negative) ++text;
    int64_t value = 0;
    while (*text >= '0' && *text <= '9') value = value * 10 + (*text++ - '0');
    return negative ? -value : value;
}

}  // namespace selftest

extern "C" void* memset(void* destination, int value, size_t length) {
    auto* bytes = static_cast<volatile uint8_t*>(destination);
    for (size_t i = 0; i < length; ++i) bytes[i] = static_cast<uint8_t>(value);
    return destination;
}

extern "C" void* memcpy(void* destination, const void* source, size_t length) {
    auto* to = static_cast<volatile uint8_t*>(destination);
    auto* from = static_cast<const uint8_t*>(source);
    for (size_t i = 0; i < length; ++i) to[i] = from[i];
    return destination;
}
