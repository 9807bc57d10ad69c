// platform_host.cpp — the runtime's platform layer for ordinary host processes.
//
// Bookkeeping memory and the memory under the instrumented heap both come
// from the C library's malloc (the runtime is never instrumented, so these
// calls are not recorded as program state); pages at fixed addresses come
// from mmap; log lines go to stderr; C++ `new` failures throw std::bad_alloc.
//
// Entry points: the functions declared in platform.h.
#include <libupdate/platform.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <new>
#include <cerrno>
#include <cstring>
#include <sys/mman.h>
#include <sys/single_threaded.h>

namespace libupdate {

void* platform_allocate(size_t size) { return std::malloc(size ? size : 1); }

void platform_release(void* pointer) { std::free(pointer); }

void* platform_reallocate(void* pointer, size_t size) { return std::realloc(pointer, size ? size : 1); }

void* platform_heap_allocate(size_t size) { return std::malloc(size); }

void platform_heap_release(void* pointer) { std::free(pointer); }

void* platform_heap_reallocate(void* pointer, size_t size) { return std::realloc(pointer, size); }

// MAP_FIXED_NOREPLACE: never replaces a mapping of this process; EEXIST
// when the range is taken (kernels before 4.17 ignore the flag and may place
// the pages elsewhere, which is checked too).
Result<void> platform_map_pages_at(uint64_t address, uint64_t length) {
    void* wanted = reinterpret_cast<void*>(address);
    void* got = mmap(wanted, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (got == wanted) return {};
    if (got != MAP_FAILED) munmap(got, length);
    if (got != MAP_FAILED || errno == EEXIST)
        return make_error(neurath::Error::AlreadyExists, "the address range is in use in the new version");
    return make_error(neurath::Error::NoMemory, "mmap at a fixed address failed: ", std::strerror(errno));
}

void platform_unmap_pages(uint64_t address, uint64_t length) { munmap(reinterpret_cast<void*>(address), length); }

void platform_out_of_memory(size_t) { throw std::bad_alloc(); }

const char* platform_single_threaded_flag() { return &__libc_single_threaded; }

uint64_t platform_clock_ns() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<uint64_t>(now.tv_sec) * 1'000'000'000ull + static_cast<uint64_t>(now.tv_nsec);
}

bool platform_is_foreign_code(uint64_t address) {
    std::FILE* maps = std::fopen("/proc/self/maps", "r");
    if (!maps) return false;
    char line[512];
    bool found = false;
    while (!found && std::fgets(line, sizeof line, maps)) {
        unsigned long start = 0, end = 0;
        char permissions[8] = {};
        if (std::sscanf(line, "%lx-%lx %7s", &start, &end, permissions) == 3)
            found = address >= start && address < end && permissions[2] == 'x';
    }
    std::fclose(maps);
    return found;
}

void platform_log(const char* text) { std::fprintf(stderr, "libupdate: %s\n", text); }

}  // namespace libupdate
