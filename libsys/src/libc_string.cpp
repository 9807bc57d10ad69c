// libc_string.cpp — the C-linkage memory/string functions the compiler emits
// calls to (memcpy, memset, ...) and C-style code uses; thin forwards to
// sys::str (string.cpp). Target only.
#include <sys/cstring.h>

extern "C" {

void* memcpy(void* d, const void* s, size_t n) { return sys::str::memcpy(d, s, n); }
void* memmove(void* d, const void* s, size_t n) { return sys::str::memmove(d, s, n); }
void* memset(void* d, int v, size_t n) { return sys::str::memset(d, v, n); }
int memcmp(const void* a, const void* b, size_t n) { return sys::str::memcmp(a, b, n); }
size_t strlen(const char* t) { return sys::str::strlen(t); }
size_t strnlen(const char* t, size_t n) { return sys::str::strnlen(t, n); }
int strcmp(const char* a, const char* b) { return sys::str::strcmp(a, b); }
int strncmp(const char* a, const char* b, size_t n) { return sys::str::strncmp(a, b, n); }
char* strchr(const char* t, int c) { return sys::str::strchr(t, c); }
char* strrchr(const char* t, int c) { return sys::str::strrchr(t, c); }
char* strcpy(char* d, const char* s) { return sys::str::strcpy(d, s); }
char* strncpy(char* d, const char* s, size_t n) { return sys::str::strncpy(d, s, n); }
size_t strlcpy(char* d, const char* s, size_t n) { return sys::str::strlcpy(d, s, n); }
size_t strlcat(char* d, const char* s, size_t n) { return sys::str::strlcat(d, s, n); }
char* strstr(const char* h, const char* n) { return sys::str::strstr(h, n); }

}  // extern "C"
