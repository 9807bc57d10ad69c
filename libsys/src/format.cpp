// format.cpp — printf-style formatting into a bounded buffer (sys::vformat).
//
// One pass over the pattern: a Conversion is parsed (flags, width, precision,
// length modifier, specifier), its argument fetched, and the text emitted
// through an Output that counts every character but stores only what fits.
#include <stdint.h>
#include <sys/format.h>

namespace sys {
namespace {

struct Output {
    char* buffer;
    size_t capacity;
    size_t length = 0;

    void put(char c) {
        if (length + 1 < capacity) buffer[length] = c;
        ++length;
    }
    void repeat(char c, int count) {
        for (int i = 0; i < count; ++i) put(c);
    }
    void terminate() {
        if (capacity == 0) return;
        buffer[length < capacity ? length : capacity - 1] = '\0';
    }
};

enum class Length { Int, Long, LongLong, Size };

struct Conversion {
    bool left_justify = false;
    bool zero_pad = false;
    int width = 0;
    int precision = -1;
    Length length = Length::Int;
    char specifier = '\0';
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int parse_number(const char*& cursor) {
    int value = 0;
    while (is_digit(*cursor)) {
        if (value < 100000) value = value * 10 + (*cursor - '0');
        ++cursor;
    }
    return value;
}

// Parses the part after '%'; leaves `cursor` after the specifier.
Conversion parse_conversion(const char*& cursor, va_list& arguments) {
    Conversion c;
    for (;; ++cursor) {
        if (*cursor == '-') c.left_justify = true;
        else if (*cursor == '0') c.zero_pad = true;
        else break;
    }
    if (*cursor == '*') {
        c.width = va_arg(arguments, int);
        if (c.width < 0) { c.left_justify = true; c.width = -c.width; }
        ++cursor;
    } else {
        c.width = parse_number(cursor);
    }
    if (*cursor == '.') {
        ++cursor;
        if (*cursor == '*') { c.precision = va_arg(arguments, int); ++cursor; }
        else c.precision = parse_number(cursor);
    }
    if (*cursor == 'l') {
        ++cursor;
        c.length = Length::Long;
        if (*cursor == 'l') { ++cursor; c.length = Length::LongLong; }
    } else if (*cursor == 'z') {
        ++cursor;
        c.length = Length::Size;
    }
    c.specifier = *cursor;
    if (*cursor != '\0') ++cursor;
    return c;
}

void emit_padded(Output& out, const Conversion& c, const char* text, int length) {
    const int padding = c.width > length ? c.width - length : 0;
    if (!c.left_justify) out.repeat(' ', padding);
    for (int i = 0; i < length; ++i) out.put(text[i]);
    if (c.left_justify) out.repeat(' ', padding);
}

// Digits of `value` in `base`, written backwards into the end of `digits`.
int render_digits(uint64_t value, unsigned base, bool upper, char* digits_end) {
    const char* alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int count = 0;
    do {
        *--digits_end = alphabet[value % base];
        value /= base;
        ++count;
    } while (value != 0);
    return count;
}

void emit_number(Output& out, const Conversion& c, uint64_t magnitude, bool negative, unsigned base,
                 bool upper, const char* prefix) {
    char digits[24];
    const int digit_count = render_digits(magnitude, base, upper, digits + sizeof digits);
    const char* first = digits + sizeof digits - digit_count;
    int prefix_length = 0;
    while (prefix[prefix_length] != '\0') ++prefix_length;
    const int sign_length = negative ? 1 : 0;
    const int body = sign_length + prefix_length + digit_count;
    const int padding = c.width > body ? c.width - body : 0;

    if (!c.left_justify && !c.zero_pad) out.repeat(' ', padding);
    if (negative) out.put('-');
    for (int i = 0; i < prefix_length; ++i) out.put(prefix[i]);
    if (!c.left_justify && c.zero_pad) out.repeat('0', padding);
    for (int i = 0; i < digit_count; ++i) out.put(first[i]);
    if (c.left_justify) out.repeat(' ', padding);
}

int64_t fetch_signed(const Conversion& c, va_list& arguments) {
    switch (c.length) {
    case Length::Int: return va_arg(arguments, int);
    case Length::Long: return va_arg(arguments, long);
    case Length::LongLong: return va_arg(arguments, long long);
    case Length::Size: return static_cast<int64_t>(va_arg(arguments, size_t));
    }
    return 0;
}

uint64_t fetch_unsigned(const Conversion& c, va_list& arguments) {
    switch (c.length) {
    case Length::Int: return va_arg(arguments, unsigned int);
    case Length::Long: return va_arg(arguments, unsigned long);
    case Length::LongLong: return va_arg(arguments, unsigned long long);
    case Length::Size: return va_arg(arguments, size_t);
    }
    return 0;
}

void emit_string(Output& out, const Conversion& c, const char* text) {
    if (text == nullptr) text = "(null)";
    int length = 0;
    while (text[length] != '\0' && (c.precision < 0 || length < c.precision)) ++length;
    emit_padded(out, c, text, length);
}

void emit_conversion(Output& out, const Conversion& c, va_list& arguments) {
    switch (c.specifier) {
    case 'd':
    case 'i': {
        const int64_t value = fetch_signed(c, arguments);
        const uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
        emit_number(out, c, magnitude, value < 0, 10, false, "");
        break;
    }
    case 'u': emit_number(out, c, fetch_unsigned(c, arguments), false, 10, false, ""); break;
    case 'x': emit_number(out, c, fetch_unsigned(c, arguments), false, 16, false, ""); break;
    case 'X': emit_number(out, c, fetch_unsigned(c, arguments), false, 16, true, ""); break;
    case 'p': {
        const auto address = reinterpret_cast<uintptr_t>(va_arg(arguments, void*));
        emit_number(out, c, address, false, 16, false, "0x");
        break;
    }
    case 's': emit_string(out, c, va_arg(arguments, const char*)); break;
    case 'c': {
        const char character = static_cast<char>(va_arg(arguments, int));
        emit_padded(out, c, &character, 1);
        break;
    }
    case '%': out.put('%'); break;
    case '\0': out.put('%'); break;
    default:
        out.put('%');
        out.put(c.specifier);
        break;
    }
}

}  // namespace

int vformat(char* buffer, size_t capacity, const char* pattern, va_list arguments) {
    Output out{buffer, capacity};
    va_list cursor_arguments;
    va_copy(cursor_arguments, arguments);
    for (const char* cursor = pattern; *cursor != '\0';) {
        if (*cursor != '%') {
            out.put(*cursor++);
            continue;
        }
        ++cursor;
        const Conversion conversion = parse_conversion(cursor, cursor_arguments);
        emit_conversion(out, conversion, cursor_arguments);
    }
    va_end(cursor_arguments);
    out.terminate();
    return static_cast<int>(out.length);
}

int format(char* buffer, size_t capacity, const char* pattern, ...) {
    va_list arguments;
    va_start(arguments, pattern);
    const int length = vformat(buffer, capacity, pattern, arguments);
    va_end(arguments);
    return length;
}

}  // namespace sys
