// heap_fast_path.h — the inline common case of listing and unlisting a typed
// heap object, for the allocation hooks (alloc_hooks.cpp) and the registry
// (heap_registry.cpp). Private to the runtime.
//
// The fast path applies when the process runs one thread (no lock needed),
// the site is within 32-bit reach of the anchor (no far-site search) and the
// table has room. It returns false otherwise, and the caller takes the
// general path (heap_track / heap_untrack), which handles the rest. Both
// paths keep the invariants documented in heap.h.
//
// Entry points: g_heap_registry, heap_header_of_inline(),
// heap_track_fast(), heap_resite_fast(), heap_retag_fast(), heap_untrack_fast().
#pragma once

#include <libupdate/heap.h>

namespace libupdate {

// The program's one registry (heap_registry() returns it).
extern HeapRegistry g_heap_registry;

// The header of a user pointer, or nullptr when the pointer was not tracked.
// The magic alone identifies a tracked object: a freed block loses it (the
// runtime clears it and the C library reuses those bytes), so a double free
// reaches the C library, which reports it.
[[gnu::always_inline]] inline HeapHeader* heap_header_of_inline(void* object) {
    if ((reinterpret_cast<uintptr_t>(object) & 15) != 0 || !object) return nullptr;
    const uint64_t* tag_word = static_cast<const uint64_t*>(object) - 1;
    if ((*tag_word >> 48) != kHeapMagic) return nullptr;
    return static_cast<HeapHeader*>(object) - 1;
}

// True while no lock is needed. The registry starts with a flag that reads
// "not known" (0), so the first call goes the general way, which learns the
// platform's flag.
[[gnu::always_inline]] inline bool heap_lock_free(const HeapRegistry& registry) {
    return *registry.single_threaded != 0;
}

// Lists `header` when the common case applies; false: call heap_track.
// `lock_free` is heap_lock_free(g_heap_registry), read once by the caller.
// Site records and the anchor are 8-aligned, so a near offset is even and
// never mistaken for a far-site index (odd).
[[gnu::always_inline]] inline bool heap_track_fast(HeapHeader* header, const lu_alloc_site* site, uint64_t size,
                                                   uint32_t how, bool lock_free) {
    static_assert(alignof(lu_alloc_site) >= 2, "near site offsets must be even");
    HeapRegistry& registry = g_heap_registry;
    int64_t offset = reinterpret_cast<int64_t>(site) - reinterpret_cast<int64_t>(registry.site_anchor);
    uint64_t count = registry.count;
    bool near = static_cast<int64_t>(static_cast<int32_t>(offset)) == offset;
    if (!lock_free || !near || count >= registry.capacity) return false;
    header->site = static_cast<int32_t>(offset);
    header->slot = static_cast<uint32_t>(count);
    header->tag = heap_tag(size, how);
    registry.objects[count] = header;
    registry.count = count + 1;
    registry.bytes += size;
    return true;
}

// Gives a listed block another site (an allocator wrapper's typed site) when
// the common case applies; false: call heap_set_site.
[[gnu::always_inline]] inline bool heap_resite_fast(HeapHeader* header, const lu_alloc_site* site) {
    HeapRegistry& registry = g_heap_registry;
    int64_t offset = reinterpret_cast<int64_t>(site) - reinterpret_cast<int64_t>(registry.site_anchor);
    if (!heap_lock_free(registry) || static_cast<int64_t>(static_cast<int32_t>(offset)) != offset) return false;
    header->site = static_cast<int32_t>(offset);
    return true;
}

// Gives a listed block a new size and site in place (realloc within the
// block's size class) when the common case applies; false: the caller moves
// the block instead.
[[gnu::always_inline]] inline bool heap_retag_fast(HeapHeader* header, const lu_alloc_site* site, uint64_t size) {
    HeapRegistry& registry = g_heap_registry;
    int64_t offset = reinterpret_cast<int64_t>(site) - reinterpret_cast<int64_t>(registry.site_anchor);
    bool near = static_cast<int64_t>(static_cast<int32_t>(offset)) == offset;
    if (!heap_lock_free(registry) || !near || (header->site & 1)) return false;
    registry.bytes += size - header->size();
    header->site = static_cast<int32_t>(offset);
    header->tag = heap_tag(size, header->how());
    return true;
}

// Unlists `header` (swap with the last entry) and clears its magic when the
// common case applies; false: call heap_untrack.
[[gnu::always_inline]] inline bool heap_untrack_fast(HeapHeader* header) {
    HeapRegistry& registry = g_heap_registry;
    if (!heap_lock_free(registry)) return false;
    uint32_t slot = header->slot;
    uint64_t last_index = registry.count - 1;
    HeapHeader* last = registry.objects[last_index];
    registry.objects[slot] = last;
    last->slot = slot;
    registry.count = last_index;
    registry.bytes -= header->size();
    header->tag = 0;
    return true;
}

}  // namespace libupdate
