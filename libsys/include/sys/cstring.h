// cstring.h — memory and string functions.
//
// The C names (memcpy, strlen, ...) are what the compiler emits calls to and
// what ported code expects; on the target they are defined by libsys with C
// linkage. The implementations live in namespace sys::str so host unit tests
// can exercise them beside the host C library.
//
// Entry points: memcpy memmove memset memcmp strlen strnlen strcmp strncmp
// strchr strrchr strcpy strncpy strlcpy strlcat strstr (C names), and the
// same functions as sys::str::*.
#pragma once

#include <stddef.h>

namespace sys::str {
void* memcpy(void* destination, const void* source, size_t length);
void* memmove(void* destination, const void* source, size_t length);
void* memset(void* destination, int value, size_t length);
int memcmp(const void* a, const void* b, size_t length);
size_t strlen(const char* text);
size_t strnlen(const char* text, size_t limit);
int strcmp(const char* a, const char* b);
int strncmp(const char* a, const char* b, size_t limit);
char* strchr(const char* text, int character);
char* strrchr(const char* text, int character);
char* strcpy(char* destination, const char* source);
char* strncpy(char* destination, const char* source, size_t limit);
// Copies at most size-1 characters and always terminates; returns strlen(source).
size_t strlcpy(char* destination, const char* source, size_t size);
size_t strlcat(char* destination, const char* source, size_t size);
char* strstr(const char* haystack, const char* needle);
}  // namespace sys::str

#if !__has_include(<string.h>)
extern "C" {
void* memcpy(void* destination, const void* source, size_t length);
void* memmove(void* destination, const void* source, size_t length);
void* memset(void* destination, int value, size_t length);
int memcmp(const void* a, const void* b, size_t length);
size_t strlen(const char* text);
size_t strnlen(const char* text, size_t limit);
int strcmp(const char* a, const char* b);
int strncmp(const char* a, const char* b, size_t limit);
char* strchr(const char* text, int character);
char* strrchr(const char* text, int character);
char* strcpy(char* destination, const char* source);
char* strncpy(char* destination, const char* source, size_t limit);
size_t strlcpy(char* destination, const char* source, size_t size);
size_t strlcat(char* destination, const char* source, size_t size);
char* strstr(const char* haystack, const char* needle);
}
#else
#include <string.h>
#endif
