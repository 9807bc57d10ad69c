// string.cpp — memory and string functions (sys::str); the C-named versions
// the compiler calls forward here (libc_string.cpp, target only).
//
// Plain byte loops: the target is built with -fno-builtin so the compiler
// does not turn these loops back into calls to themselves.
#include <sys/cstring.h>

namespace sys::str {

void* memcpy(void* destination, const void* source, size_t length) {
    auto* out = static_cast<unsigned char*>(destination);
    auto* in = static_cast<const unsigned char*>(source);
    for (size_t i = 0; i < length; ++i) out[i] = in[i];
    return destination;
}

void* memmove(void* destination, const void* source, size_t length) {
    auto* out = static_cast<unsigned char*>(destination);
    auto* in = static_cast<const unsigned char*>(source);
    if (out == in || length == 0) return destination;
    if (out < in) {
        for (size_t i = 0; i < length; ++i) out[i] = in[i];
    } else {
        for (size_t i = length; i > 0; --i) out[i - 1] = in[i - 1];
    }
    return destination;
}

void* memset(void* destination, int value, size_t length) {
    auto* out = static_cast<unsigned char*>(destination);
    for (size_t i = 0; i < length; ++i) out[i] = static_cast<unsigned char>(value);
    return destination;
}

int memcmp(const void* a, const void* b, size_t length) {
    auto* left = static_cast<const unsigned char*>(a);
    auto* right = static_cast<const unsigned char*>(b);
    for (size_t i = 0; i < length; ++i) {
        if (left[i] != right[i]) return left[i] < right[i] ? -1 : 1;
    }
    return 0;
}

size_t strlen(const char* text) {
    size_t length = 0;
    while (text[length] != '\0') ++length;
    return length;
}

size_t strnlen(const char* text, size_t limit) {
    size_t length = 0;
    while (length < limit && text[length] != '\0') ++length;
    return length;
}

int strcmp(const char* a, const char* b) {
    return strncmp(a, b, static_cast<size_t>(-1));
}

int strncmp(const char* a, const char* b, size_t limit) {
    for (size_t i = 0; i < limit; ++i) {
        auto left = static_cast<unsigned char>(a[i]);
        auto right = static_cast<unsigned char>(b[i]);
        if (left != right) return left < right ? -1 : 1;
        if (left == '\0') return 0;
    }
    return 0;
}

char* strchr(const char* text, int character) {
    const char wanted = static_cast<char>(character);
    for (;; ++text) {
        if (*text == wanted) return const_cast<char*>(text);
        if (*text == '\0') return nullptr;
    }
}

char* strrchr(const char* text, int character) {
    const char wanted = static_cast<char>(character);
    const char* found = nullptr;
    for (;; ++text) {
        if (*text == wanted) found = text;
        if (*text == '\0') return const_cast<char*>(found);
    }
}

char* strcpy(char* destination, const char* source) {
    size_t i = 0;
    for (; source[i] != '\0'; ++i) destination[i] = source[i];
    destination[i] = '\0';
    return destination;
}

char* strncpy(char* destination, const char* source, size_t limit) {
    size_t i = 0;
    for (; i < limit && source[i] != '\0'; ++i) destination[i] = source[i];
    for (; i < limit; ++i) destination[i] = '\0';
    return destination;
}

size_t strlcpy(char* destination, const char* source, size_t size) {
    const size_t length = strlen(source);
    if (size == 0) return length;
    const size_t copied = length < size - 1 ? length : size - 1;
    memcpy(destination, source, copied);
    destination[copied] = '\0';
    return length;
}

size_t strlcat(char* destination, const char* source, size_t size) {
    const size_t existing = strnlen(destination, size);
    if (existing == size) return size + strlen(source);
    return existing + strlcpy(destination + existing, source, size - existing);
}

char* strstr(const char* haystack, const char* needle) {
    const size_t needle_length = strlen(needle);
    if (needle_length == 0) return const_cast<char*>(haystack);
    for (; *haystack != '\0'; ++haystack) {
        if (strncmp(haystack, needle, needle_length) == 0) return const_cast<char*>(haystack);
    }
    return nullptr;
}

}  // namespace sys::str
