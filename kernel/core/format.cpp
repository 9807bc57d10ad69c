// format.cpp — the printf-style formatter behind the kernel log.
//
// Entry points: format_to, format_to_buffer (see format.h).
#include "core/format.h"

#include <stdint.h>

namespace kernel {
namespace {

struct Spec {
    bool zero_pad = false;
    int width = 0;
    bool is_long = false;
};

void emit_number(FormatSink sink, void* context, uint64_t value, unsigned base, bool negative, const Spec& spec) {
    char digits[24];
    int count = 0;
    do {
        unsigned digit = static_cast<unsigned>(value % base);
        digits[count++] = static_cast<char>(digit < 10 ? '0' + digit : 'a' + digit - 10);
        value /= base;
    } while (value != 0);
    int length = count + (negative ? 1 : 0);
    char pad = spec.zero_pad ? '0' : ' ';
    if (negative && spec.zero_pad) sink(context, "-", 1);
    for (int i = length; i < spec.width; ++i) sink(context, &pad, 1);
    if (negative && !spec.zero_pad) sink(context, "-", 1);
    while (count > 0) sink(context, &digits[--count], 1);
}

void emit_string(FormatSink sink, void* context, const char* text, const Spec& spec) {
    if (text == nullptr) text = "(null)";
    size_t length = 0;
    while (text[length] != '\0') ++length;
    for (int i = static_cast<int>(length); i < spec.width; ++i) sink(context, " ", 1);
    sink(context, text, length);
}

const char* parse_spec(const char* cursor, Spec& spec) {
    if (*cursor == '0') {
        spec.zero_pad = true;
        ++cursor;
    }
    while (*cursor >= '0' && *cursor <= '9') spec.width = spec.width * 10 + (*cursor++ - '0');
    while (*cursor == 'l' || *cursor == 'z') {
        spec.is_long = true;
        ++cursor;
    }
    return cursor;
}

void emit_conversion(FormatSink sink, void* context, char conversion, const Spec& spec, va_list& args) {
    switch (conversion) {
    case 'd':
    case 'i': {
        int64_t v = spec.is_long ? va_arg(args, int64_t) : va_arg(args, int);
        uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
        emit_number(sink, context, magnitude, 10, v < 0, spec);
        break;
    }
    case 'u':
        emit_number(sink, context, spec.is_long ? va_arg(args, uint64_t) : va_arg(args, unsigned), 10, false, spec);
        break;
    case 'x':
        emit_number(sink, context, spec.is_long ? va_arg(args, uint64_t) : va_arg(args, unsigned), 16, false, spec);
        break;
    case 'p': {
        sink(context, "0x", 2);
        Spec pointer_spec{true, 16, true};
        emit_number(sink, context, reinterpret_cast<uintptr_t>(va_arg(args, void*)), 16, false, pointer_spec);
        break;
    }
    case 's':
        emit_string(sink, context, va_arg(args, const char*), spec);
        break;
    case 'c': {
        char c = static_cast<char>(va_arg(args, int));
        sink(context, &c, 1);
        break;
    }
    default:
        sink(context, "%", 1);
        sink(context, &conversion, 1);
        break;
    }
}

struct BufferSink {
    char* buffer;
    size_t capacity;
    size_t used;
};

void buffer_sink(void* context, const char* text, size_t length) {
    auto* target = static_cast<BufferSink*>(context);
    for (size_t i = 0; i < length && target->used + 1 < target->capacity; ++i) target->buffer[target->used++] = text[i];
}

}  // namespace

void format_to(FormatSink sink, void* context, const char* format, va_list args) {
    va_list cursor_args;
    va_copy(cursor_args, args);
    const char* run = format;
    const char* cursor = format;
    while (*cursor != '\0') {
        if (*cursor != '%') {
            ++cursor;
            continue;
        }
        if (cursor > run) sink(context, run, static_cast<size_t>(cursor - run));
        ++cursor;
        if (*cursor == '%') {
            sink(context, "%", 1);
            run = ++cursor;
            continue;
        }
        Spec spec;
        cursor = parse_spec(cursor, spec);
        if (*cursor == '\0') break;
        emit_conversion(sink, context, *cursor++, spec, cursor_args);
        run = cursor;
    }
    if (cursor > run) sink(context, run, static_cast<size_t>(cursor - run));
    va_end(cursor_args);
}

size_t format_to_buffer(char* buffer, size_t capacity, const char* format, ...) {
    BufferSink target{buffer, capacity, 0};
    va_list args;
    va_start(args, format);
    format_to(buffer_sink, &target, format, args);
    va_end(args);
    if (capacity > 0) buffer[target.used] = '\0';
    return target.used;
}

}  // namespace kernel
