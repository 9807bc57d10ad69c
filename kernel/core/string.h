// string.h — byte and string helpers used across the kernel (the freestanding
// kernel has no C library; memcpy/memset/memmove/memcmp are defined in
// string.cpp because the compiler may emit calls to them).
//
// Entry points: copy_bytes, fill_bytes, string_length, copy_name.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace kernel {

void copy_bytes(void* destination, const void* source, size_t length);
void fill_bytes(void* destination, uint8_t value, size_t length);
size_t string_length(const char* text, size_t max_length);
// Copies at most capacity-1 bytes of text (stopping at NUL) and NUL-terminates.
void copy_name(char* destination, size_t capacity, const char* text, size_t text_length);
bool names_equal(const char* a, const char* b, size_t max_length);

}  // namespace kernel
