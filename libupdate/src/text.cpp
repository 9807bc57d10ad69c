// text.cpp — TextBuilder formatting and make_error() for the runtime.
//
// Entry points: TextBuilder::add*, make_error.
#include <libupdate/result.h>
#include <libupdate/text.h>

namespace libupdate {

TextBuilder& TextBuilder::add(StringView text) {
    for (size_t i = 0; i < text.length; ++i) add_char(text[i]);
    return *this;
}

TextBuilder& TextBuilder::add_char(char c) {
    if (length_ + 1 < capacity_) {
        buffer_[length_++] = c;
        buffer_[length_] = '\0';
    }
    return *this;
}

TextBuilder& TextBuilder::add_unsigned(uint64_t value) {
    char digits[24];
    size_t count = 0;
    do {
        digits[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value);
    while (count) add_char(digits[--count]);
    return *this;
}

TextBuilder& TextBuilder::add_signed(int64_t value) {
    if (value < 0) {
        add_char('-');
        return add_unsigned(0 - static_cast<uint64_t>(value));
    }
    return add_unsigned(static_cast<uint64_t>(value));
}

TextBuilder& TextBuilder::add_hex(uint64_t value) {
    static const char kDigits[] = "0123456789abcdef";
    char digits[20];
    size_t count = 0;
    do {
        digits[count++] = kDigits[value & 0xf];
        value >>= 4;
    } while (value);
    add("0x");
    while (count) add_char(digits[--count]);
    return *this;
}

UpdateError make_error(neurath::Error code, const char* a, const char* b, const char* c, const char* d) {
    UpdateError error;
    error.code = code;
    TextBuilder text(error.text, kErrorTextSize);
    const char* pieces[] = {a, b, c, d};
    for (const char* piece : pieces)
        if (piece) text.add(piece);
    return error;
}

}  // namespace libupdate
