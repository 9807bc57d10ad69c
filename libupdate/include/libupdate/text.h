// text.h — freestanding string helpers for the runtime.
//
// StringView is a non-owning (pointer, length) pair used for names from the
// metadata and for filter source text; TextBuilder formats bounded messages
// (error texts, reports) without a C library.
//
// Entry points: StringView, c_string_length, TextBuilder.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace libupdate {

constexpr size_t c_string_length(const char* s) {
    size_t n = 0;
    if (!s) return 0;
    while (s[n]) ++n;
    return n;
}

struct StringView {
    const char* data = nullptr;
    size_t length = 0;

    constexpr StringView() = default;
    constexpr StringView(const char* s) : data(s), length(c_string_length(s)) {}
    constexpr StringView(const char* s, size_t n) : data(s), length(n) {}

    constexpr bool empty() const { return length == 0; }
    constexpr char operator[](size_t i) const { return data[i]; }
    constexpr bool operator==(StringView other) const {
        if (length != other.length) return false;
        for (size_t i = 0; i < length; ++i)
            if (data[i] != other.data[i]) return false;
        return true;
    }
    constexpr bool starts_with(StringView prefix) const {
        return prefix.length <= length && StringView(data, prefix.length) == prefix;
    }
};

// Appends into a fixed buffer, truncating silently; always null-terminated.
class TextBuilder {
public:
    TextBuilder(char* buffer, size_t capacity) : buffer_(buffer), capacity_(capacity) {
        if (capacity_) buffer_[0] = '\0';
    }
    TextBuilder& add(StringView text);
    TextBuilder& add(const char* text) { return add(StringView(text)); }
    TextBuilder& add_signed(int64_t value);
    TextBuilder& add_unsigned(uint64_t value);
    TextBuilder& add_hex(uint64_t value);
    TextBuilder& add_char(char c);
    const char* c_str() const { return buffer_; }
    size_t length() const { return length_; }

private:
    char* buffer_;
    size_t capacity_;
    size_t length_ = 0;
};

}  // namespace libupdate
