// platform_neurath.cpp — the runtime's platform layer inside a Neurath
// server: memory from libsys's process heap (malloc and friends), log lines
// through the kernel's DebugWrite, and an exit when C++ `new` runs out of
// memory (servers are built without exceptions). Servers are single-threaded.
//
// Entry points: the functions declared in platform.h.
#include <libupdate/platform.h>
#include <sys/heap.h>
#include <sys/kcall.h>

namespace libupdate {

namespace {

const char kSingleThreaded = 1;
constexpr int32_t kOutOfMemoryStatus = 12;

size_t length_of(const char* text) {
    size_t n = 0;
    while (text[n]) ++n;
    return n;
}

}  // namespace

void* platform_allocate(size_t size) { return malloc(size ? size : 1); }
void platform_release(void* pointer) { free(pointer); }
void* platform_reallocate(void* pointer, size_t size) { return realloc(pointer, size ? size : 1); }

void* platform_heap_allocate(size_t size) { return malloc(size); }
void platform_heap_release(void* pointer) { free(pointer); }
void* platform_heap_reallocate(void* pointer, size_t size) { return realloc(pointer, size); }

// MapAnonymous refuses a range with any page already mapped
// (AlreadyExists) and then maps nothing.
Result<void> platform_map_pages_at(uint64_t address, uint64_t length) {
    sys::Result<void> mapped = sys::map_anonymous(address, length);
    if (mapped.ok()) {
        sys::note_pinned_page(address);  // the next version's heap must keep off this bank
        return {};
    }
    if (mapped.error() == neurath::Error::AlreadyExists)
        return make_error(neurath::Error::AlreadyExists, "the address range is in use in the new version");
    return make_error(mapped.error(), "mapping pages at a fixed address failed: ", neurath::error_name(mapped.error()));
}

void platform_unmap_pages(uint64_t address, uint64_t length) { (void)sys::unmap(address, length); }

void platform_out_of_memory(size_t) {
    platform_log("out of memory in operator new");
    sys::exit(kOutOfMemoryStatus);
}

const char* platform_single_threaded_flag() { return &kSingleThreaded; }

uint64_t platform_clock_ns() { return sys::uptime_ns(); }

bool platform_is_foreign_code(uint64_t) { return false; }

void platform_log(const char* text) {
    static const char kPrefix[] = "libupdate: ";
    sys::debug_write(kPrefix, sizeof kPrefix - 1);
    sys::debug_write(text, length_of(text));
    sys::debug_write("\n", 1);
}

}  // namespace libupdate
