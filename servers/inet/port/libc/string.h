/* string.h — the memory and string functions lwIP's sources include,
 * as libsys defines them with C linkage (libsys/include/sys/cstring.h).
 * Seen only by lwIP's own C files (servers/inet/lwip.cmake). */
#ifndef NEURATH_INET_LIBC_STRING_H
#define NEURATH_INET_LIBC_STRING_H
#include <stddef.h>
void* memcpy(void* destination, const void* source, size_t length);
void* memmove(void* destination, const void* source, size_t length);
void* memset(void* destination, int value, size_t length);
int memcmp(const void* a, const void* b, size_t length);
size_t strlen(const char* text);
int strcmp(const char* a, const char* b);
int strncmp(const char* a, const char* b, size_t limit);
#endif
