// platform_host.cpp — the runtime's platform layer for ordinary host processes.
//
// Bookkeeping memory and the memory under the instrumented heap both come
// from the C library's malloc (the runtime is never instrumented, so these
// calls are not recorded as program state); log lines go to stderr; C++
// `new` failures throw std::bad_alloc.
//
// Entry points: the functions declared in platform.h.
#include <libupdate/platform.h>

#include <cstdio>
#include <cstdlib>
#include <new>
#include <sys/single_threaded.h>

namespace libupdate {

void* platform_allocate(size_t size) { return std::malloc(size ? size : 1); }

void platform_release(void* pointer) { std::free(pointer); }

void* platform_heap_allocate(size_t size) { return std::malloc(size); }

void platform_heap_release(void* pointer) { std::free(pointer); }

void* platform_heap_reallocate(void* pointer, size_t size) { return std::realloc(pointer, size); }

void platform_out_of_memory(size_t) { throw std::bad_alloc(); }

const char* platform_single_threaded_flag() { return &__libc_single_threaded; }

void platform_log(const char* text) { std::fprintf(stderr, "libupdate: %s\n", text); }

}  // namespace libupdate
