// alloc_hooks.cpp — the allocation functions the pass calls in place of
// malloc/calloc/realloc/strdup/free and C++ new/delete (contract in
// metadata.h). Each tracked object gets a HeapHeader and joins the registry;
// pointers that the runtime did not allocate pass through untracked.
// __lu_alloc and __lu_free inline the registry's common case
// (heap_fast_path.h); everything else goes through heap_track/heap_untrack.
// Small blocks are recycled through a per-class cache (block_cache.h).
//
// Entry points: __lu_alloc, __lu_calloc, __lu_realloc, __lu_strdup,
// __lu_strndup, __lu_free, __lu_heap_register, __lu_heap_unregister,
// __lu_heap_retype.
#include <libupdate/heap.h>
#include <libupdate/platform.h>

#include "block_cache.h"
#include "heap_fast_path.h"
#include "pinned_heap.h"

using libupdate::HeapHeader;

namespace {

libupdate::BlockCache g_block_cache;

// Memory for a block of `size` user bytes: a cached block of its class, or
// a fresh one from the platform heap (small sizes rounded up to the class).
// The cache is used only when `lock_free` (one thread).
[[gnu::always_inline]] inline HeapHeader* obtain_block(size_t size, bool lock_free) {
    if (size > libupdate::kCacheMaxSize)
        return static_cast<HeapHeader*>(libupdate::platform_heap_allocate(sizeof(HeapHeader) + size));
    uint32_t size_class = libupdate::cache_class_of(size);
    if (lock_free)
        if (HeapHeader* cached = libupdate::cache_take(g_block_cache, size_class)) return cached;
    return static_cast<HeapHeader*>(libupdate::platform_heap_allocate(libupdate::cache_request_bytes(size_class)));
}

// An unlisted block that is not cached goes back to the platform, or, if
// address-preserving transfer placed it (tagged LU_ALLOC_REALLOC), to its
// pinned pages.
[[gnu::always_inline]] inline void release_block(HeapHeader* header, uint64_t size, uint32_t how) {
    if (how == LU_ALLOC_REALLOC && libupdate::pinned_owns(header)) [[unlikely]]
        libupdate::pinned_release(header, size);
    else
        libupdate::platform_heap_release(header);
}

// Hands an unlisted block back: to the cache when its class has room (only
// blocks obtain_block made, i.e. not resized by the platform's realloc,
// which tags its blocks LU_ALLOC_REALLOC), else release_block.
[[gnu::always_inline]] inline void recycle_block(HeapHeader* header, uint64_t size, uint32_t how) {
    if (size <= libupdate::kCacheMaxSize && how != LU_ALLOC_REALLOC &&
        libupdate::cache_give(g_block_cache, libupdate::cache_class_of(size), header))
        return;
    release_block(header, size, how);
}

// The general way to list a fresh block: lock, far site, growing the table.
[[gnu::noinline]] void* track_slowly(HeapHeader* header, const lu_alloc_site* site, size_t size, uint32_t how) {
    if (!libupdate::heap_track(header, site, size, how)) {
        libupdate::platform_heap_release(header);
        return nullptr;
    }
    return header->object();
}

[[gnu::always_inline]] inline void* allocate_tracked(size_t size, const lu_alloc_site* site, uint32_t how) {
    if (size > libupdate::kHeapSizeMask) [[unlikely]]
        return nullptr;
    HeapHeader* header = obtain_block(size, libupdate::heap_lock_free(libupdate::g_heap_registry));
    if (!header) [[unlikely]]
        return nullptr;
    // Read the flag again: keeping it across the call costs more than a load.
    if (libupdate::heap_track_fast(header, site, size, how, libupdate::heap_lock_free(libupdate::g_heap_registry)))
        [[likely]]
        return header->object();
    return track_slowly(header, site, size, how);
}

// A block obtain_block made (rounded to its size class), as opposed to one
// the platform's realloc resized to an arbitrary size.
bool is_class_block(const HeapHeader& header) {
    return header.size() <= libupdate::kCacheMaxSize && header.how() != LU_ALLOC_REALLOC;
}

// realloc by moving: a new tracked block of `size` (allocator kind `how`)
// gets the old contents, and the old block is freed.
void* move_block(HeapHeader* header, size_t size, const lu_alloc_site* site, uint32_t how) {
    uint64_t old_size = header->size();
    void* moved = allocate_tracked(size, site, how);
    if (!moved) return nullptr;
    libupdate::platform_copy(moved, header->object(), old_size < size ? old_size : size);
    __lu_free(header->object(), how);
    return moved;
}

// realloc of a class block to a size that is a class block too: in place
// within the class, else a new class block, so blocks stay cacheable.
void* resize_class_block(HeapHeader* header, size_t size, const lu_alloc_site* site) {
    uint64_t old_size = header->size();
    if (libupdate::cache_class_of(size) == libupdate::cache_class_of(old_size) &&
        libupdate::heap_retag_fast(header, site, size))
        return header->object();
    return move_block(header, size, site, header->how());
}

size_t bounded_length(const char* text, size_t max) {
    size_t n = 0;
    while (n < max && text[n]) ++n;
    return n;
}

char* duplicate(const char* text, size_t length, const lu_alloc_site* site) {
    auto* copy = static_cast<char*>(allocate_tracked(length + 1, site, LU_ALLOC_STRDUP));
    if (!copy) return nullptr;
    libupdate::platform_copy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

}  // namespace

extern "C" {

void* __lu_alloc(size_t size, const lu_alloc_site* site, uint32_t how) {
    uint32_t kind = how & 0xff;
    void* object = allocate_tracked(size, site, kind);
    if (object) [[likely]]
        return object;
    bool may_fail = kind == LU_ALLOC_MALLOC || (how & LU_ALLOC_NOTHROW_BIT) != 0 || kind == LU_ALLOC_CALLOC;
    if (!may_fail) libupdate::platform_out_of_memory(size);
    return nullptr;
}

void* __lu_calloc(size_t count, size_t size, const lu_alloc_site* site) {
    size_t total = 0;
    if (__builtin_mul_overflow(count, size, &total)) return nullptr;
    void* object = allocate_tracked(total, site, LU_ALLOC_CALLOC);
    if (object) libupdate::platform_fill(object, 0, total);
    return object;
}

void* __lu_realloc(void* pointer, size_t size, const lu_alloc_site* site) {
    if (!pointer) return allocate_tracked(size, site, LU_ALLOC_MALLOC);  // realloc(NULL, n) is malloc(n)
    HeapHeader* header = libupdate::heap_header_of(pointer);
    if (!header) return libupdate::platform_heap_reallocate(pointer, size);
    if (size > libupdate::kHeapSizeMask) return nullptr;
    if (is_class_block(*header) && size <= libupdate::kCacheMaxSize) return resize_class_block(header, size, site);
    // A pinned block (address-preserving transfer placed it; tagged
    // LU_ALLOC_REALLOC) moves to the ordinary heap.
    if (libupdate::pinned_owns(header)) return move_block(header, size, site, LU_ALLOC_MALLOC);
    // The block may move: list it again afterwards.
    const lu_alloc_site* old_site = libupdate::heap_site(*header);
    uint64_t old_size = header->size();
    uint32_t old_how = header->how();
    libupdate::heap_untrack(header);
    auto* moved = static_cast<HeapHeader*>(libupdate::platform_heap_reallocate(header, sizeof(HeapHeader) + size));
    if (!moved) {
        if (!libupdate::heap_track(header, old_site, old_size, old_how)) libupdate::platform_out_of_memory(0);
        return nullptr;
    }
    if (!libupdate::heap_track(moved, site, size, LU_ALLOC_REALLOC)) {
        libupdate::platform_heap_release(moved);
        return nullptr;
    }
    return moved->object();
}

char* __lu_strdup(const char* text, const lu_alloc_site* site) {
    return duplicate(text, bounded_length(text, ~static_cast<size_t>(0)), site);
}

char* __lu_strndup(const char* text, size_t max, const lu_alloc_site* site) {
    return duplicate(text, bounded_length(text, max), site);
}

void __lu_free(void* pointer, uint32_t) {
    HeapHeader* header = libupdate::heap_header_of_inline(pointer);
    if (!header) {
        if (pointer) libupdate::platform_heap_release(pointer);
        return;
    }
    uint64_t size = header->size();
    uint32_t how = header->how();
    if (!libupdate::heap_untrack_fast(header)) [[unlikely]] {
        libupdate::heap_untrack(header);  // more than one thread: no cache
        release_block(header, size, how);
        return;
    }
    recycle_block(header, size, how);
}

// An allocator wrapper's caller knows the type it gives the object (the pass
// types the call site: -lu-allocator-wrapper; it emits no call for a site of
// unknown type, so `site->type` is a known type). Pointers the runtime did
// not allocate, and types larger than the object (a wrong inference), keep
// their site: untyped, so the transfer scans them for likely pointers.
void __lu_heap_retype(void* pointer, const lu_alloc_site* site) {
    HeapHeader* header = libupdate::heap_header_of_inline(pointer);
    if (!header || site->type->size > header->size()) return;
    if (libupdate::heap_resite_fast(header, site)) return;
    (void)libupdate::heap_set_site(header, site);  // far-site table full: the object keeps its untyped site
}

}  // extern "C"
