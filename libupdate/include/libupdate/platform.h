// platform.h — the small platform layer under the live-update runtime.
//
// The runtime core is freestanding; everything it needs from its host goes
// through these functions, implemented once per world:
//   * host/platform_host.cpp  — ordinary processes (malloc, stderr);
//   * a Neurath server build  — the server's own allocator and DebugWrite.
// The runtime's own bookkeeping never goes through the instrumented
// allocation hooks, so it never shows up as program state.
//
// Entry points: platform_allocate, platform_release, platform_reallocate, platform_log,
// platform_heap_allocate, platform_heap_release, platform_heap_reallocate,
// platform_map_pages_at, platform_unmap_pages,
// platform_out_of_memory, platform_clock_ns, platform_copy, platform_fill, platform_compare.
#pragma once

#include <libupdate/result.h>
#include <stddef.h>
#include <stdint.h>

namespace libupdate {

// Raw memory for runtime bookkeeping; nullptr when exhausted.
void* platform_allocate(size_t size);
void platform_release(void* pointer);
// Resizes bookkeeping memory (contents kept); nullptr, and the old block
// untouched, when exhausted. Lets big tables grow without a copy where the
// platform can remap them (glibc: mremap).
void* platform_reallocate(void* pointer, size_t size);

// The memory under the program's own (instrumented) heap. On the host this is
// the C library's allocator, so pointers that did not come from the runtime
// can be handed back to it untracked.
void* platform_heap_allocate(size_t size);
void platform_heap_release(void* pointer);
void* platform_heap_reallocate(void* pointer, size_t size);
// Bytes the platform heap adds to every block, whose sizes it rounds to 16:
// glibc keeps an 8-byte size word (its next chunk's first word is usable);
// libsys's heap keeps a 16-byte header and footer. The typed heap's block
// cache rounds requests to whole blocks with it, so rounding costs no memory.
#if defined(__linux__)
inline constexpr size_t kPlatformHeapOverhead = 8;
#else
inline constexpr size_t kPlatformHeapOverhead = 16;
#endif
// Fixed placement for address-preserving transfer (pinned_heap.cpp): make
// the whole pages [address, address + length) usable, zeroed, at exactly
// that address. Fails with AlreadyExists when any of them is in use (the new
// version's own memory lies there), and with another error otherwise; on
// failure nothing is mapped. platform_unmap_pages gives such pages back.
Result<void> platform_map_pages_at(uint64_t address, uint64_t length);
void platform_unmap_pages(uint64_t address, uint64_t length);
inline constexpr uint64_t kPlatformPageSize = 4096;
// C++ `new` must not return null: the host throws std::bad_alloc, a server aborts.
[[noreturn]] void platform_out_of_memory(size_t size);

// A flag that is non-zero while the program runs a single thread, so the heap
// registry can skip its lock (glibc keeps one on the host; servers are
// single-threaded). Read on every allocation: it is a plain load.
const char* platform_single_threaded_flag();

// True when `address` lies in executable code outside the instrumented
// program (a shared library on the host); the state check accepts such code
// pointers. Static Neurath servers have none.
bool platform_is_foreign_code(uint64_t address);

// A monotonic clock in nanoseconds (guest time inside Neurath), for the
// phase figures of an update.
uint64_t platform_clock_ns();

// Diagnostic output (one line per call, no trailing newline needed).
void platform_log(const char* text);

inline void platform_copy(void* to, const void* from, size_t size) { __builtin_memcpy(to, from, size); }
inline void platform_fill(void* to, uint8_t byte, size_t size) { __builtin_memset(to, byte, size); }
inline int platform_compare(const void* a, const void* b, size_t size) { return __builtin_memcmp(a, b, size); }

// Construct an object in given memory without the host's <new>.
struct PlacementTag {};

}  // namespace libupdate

inline void* operator new(size_t, libupdate::PlacementTag, void* where) noexcept { return where; }
inline void operator delete(void*, libupdate::PlacementTag, void*) noexcept {}
