// string.cpp — byte and string helpers, plus the C memory primitives the
// compiler expects in a freestanding kernel.
//
// Entry points: copy_bytes, fill_bytes, string_length, copy_name, names_equal;
// extern "C" memcpy, memmove, memset, memcmp (kernel build only).
#include "core/string.h"

namespace kernel {

#if defined(NEURATH_KERNEL)
// The kernel is built without SSE; string instructions are the fast path.
// Whole 8-byte words first when both pointers allow it, then the tail.
void copy_bytes(void* destination, const void* source, size_t length) {
    if (((reinterpret_cast<uintptr_t>(destination) | reinterpret_cast<uintptr_t>(source)) & 7) == 0) {
        size_t words = length / 8;
        asm volatile("rep movsq" : "+D"(destination), "+S"(source), "+c"(words) : : "memory");
        length &= 7;
    }
    asm volatile("rep movsb" : "+D"(destination), "+S"(source), "+c"(length) : : "memory");
}

void fill_bytes(void* destination, uint8_t value, size_t length) {
    if ((reinterpret_cast<uintptr_t>(destination) & 7) == 0) {
        size_t words = length / 8;
        uint64_t pattern = value * 0x0101010101010101ull;
        asm volatile("rep stosq" : "+D"(destination), "+c"(words) : "a"(pattern) : "memory");
        length &= 7;
    }
    asm volatile("rep stosb" : "+D"(destination), "+c"(length) : "a"(value) : "memory");
}
#else
void copy_bytes(void* destination, const void* source, size_t length) {
    auto* d = static_cast<uint8_t*>(destination);
    auto* s = static_cast<const uint8_t*>(source);
    for (size_t i = 0; i < length; ++i) d[i] = s[i];
}

void fill_bytes(void* destination, uint8_t value, size_t length) {
    auto* d = static_cast<uint8_t*>(destination);
    for (size_t i = 0; i < length; ++i) d[i] = value;
}
#endif

size_t string_length(const char* text, size_t max_length) {
    size_t length = 0;
    while (length < max_length && text[length] != '\0') ++length;
    return length;
}

void copy_name(char* destination, size_t capacity, const char* text, size_t text_length) {
    if (capacity == 0) return;
    size_t length = string_length(text, text_length);
    if (length > capacity - 1) length = capacity - 1;
    copy_bytes(destination, text, length);
    fill_bytes(destination + length, 0, capacity - length);
}

bool names_equal(const char* a, const char* b, size_t max_length) {
    for (size_t i = 0; i < max_length; ++i) {
        if (a[i] != b[i]) return false;
        if (a[i] == '\0') return true;
    }
    return true;
}

}  // namespace kernel

#if defined(NEURATH_KERNEL)
extern "C" {
void* memcpy(void* destination, const void* source, size_t length) {
    kernel::copy_bytes(destination, source, length);
    return destination;
}
void* memmove(void* destination, const void* source, size_t length) {
    auto* d = static_cast<uint8_t*>(destination);
    auto* s = static_cast<const uint8_t*>(source);
    if (d < s) {
        for (size_t i = 0; i < length; ++i) d[i] = s[i];
    } else {
        for (size_t i = length; i > 0; --i) d[i - 1] = s[i - 1];
    }
    return destination;
}
void* memset(void* destination, int value, size_t length) {
    kernel::fill_bytes(destination, static_cast<uint8_t>(value), length);
    return destination;
}
int memcmp(const void* a, const void* b, size_t length) {
    auto* x = static_cast<const uint8_t*>(a);
    auto* y = static_cast<const uint8_t*>(b);
    for (size_t i = 0; i < length; ++i) {
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    }
    return 0;
}
}
#endif
