/* stdlib.h — what lwIP's sources take from the C library's stdlib.h:
 * malloc and free (libsys's heap) and atoi (servers/inet/lwip_platform.cpp).
 * Seen only by lwIP's own C files (servers/inet/lwip.cmake). */
#ifndef NEURATH_INET_LIBC_STDLIB_H
#define NEURATH_INET_LIBC_STDLIB_H
#include <stddef.h>
void* malloc(size_t size);
void* calloc(size_t count, size_t size);
void free(void* pointer);
int atoi(const char* text);
#endif
