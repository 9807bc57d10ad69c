// alloc_hooks.cpp — the allocation functions the pass calls in place of
// malloc/calloc/realloc/strdup/free and C++ new/delete (contract in
// metadata.h). Each tracked object gets a HeapHeader and joins the registry;
// pointers that the runtime did not allocate pass through untracked.
//
// Entry points: __lu_alloc, __lu_calloc, __lu_realloc, __lu_strdup,
// __lu_strndup, __lu_free, __lu_heap_register, __lu_heap_unregister.
#include <libupdate/heap.h>
#include <libupdate/platform.h>

using libupdate::HeapHeader;

namespace {

void* allocate_tracked(size_t size, const lu_alloc_site* site, uint32_t how) {
    if (size > libupdate::kHeapSizeMask) return nullptr;
    auto* header = static_cast<HeapHeader*>(libupdate::platform_heap_allocate(sizeof(HeapHeader) + size));
    if (!header) return nullptr;
    if (!libupdate::heap_track(header, site, size, how)) {
        libupdate::platform_heap_release(header);
        return nullptr;
    }
    return header->object();
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
    bool may_fail = kind == LU_ALLOC_MALLOC || (how & LU_ALLOC_NOTHROW_BIT) != 0 || kind == LU_ALLOC_CALLOC;
    if (!object && !may_fail) libupdate::platform_out_of_memory(size);
    return object;
}

void* __lu_calloc(size_t count, size_t size, const lu_alloc_site* site) {
    size_t total = 0;
    if (__builtin_mul_overflow(count, size, &total)) return nullptr;
    void* object = allocate_tracked(total, site, LU_ALLOC_CALLOC);
    if (object) libupdate::platform_fill(object, 0, total);
    return object;
}

void* __lu_realloc(void* pointer, size_t size, const lu_alloc_site* site) {
    if (!pointer) return allocate_tracked(size, site, LU_ALLOC_REALLOC);
    HeapHeader* header = libupdate::heap_header_of(pointer);
    if (!header) return libupdate::platform_heap_reallocate(pointer, size);
    if (size > libupdate::kHeapSizeMask) return nullptr;
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
    if (!pointer) return;
    HeapHeader* header = libupdate::heap_header_of(pointer);
    if (!header) {
        libupdate::platform_heap_release(pointer);
        return;
    }
    libupdate::heap_untrack(header);
    libupdate::platform_heap_release(header);
}

}  // extern "C"
