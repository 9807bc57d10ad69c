// heap_registry.cpp — the table of live typed heap objects (see heap.h).
//
// The common cases of heap_track/heap_untrack are inlined into the
// allocation hooks (heap_fast_path.h); the functions here are the general
// path: locking, far sites, growing the table.
//
// Entry points: heap_registry, heap_header_of, heap_site, heap_track,
// heap_untrack, heap_find_containing.
#include <libupdate/heap.h>
#include <libupdate/platform.h>

#include "heap_fast_path.h"

namespace libupdate {

namespace {

// Site offsets are taken from here: the runtime's own data sits next to the
// program's static site records.
alignas(8) const char g_site_anchor = 0;
const lu_alloc_site* g_far_sites[kMaxFarSites];
// Reads "not single-threaded" until the first heap_track learns the
// platform's flag, so the fast path stays off until then.
const char kThreadingUnknown = 0;

void lock(HeapRegistry& registry) {
    if (*registry.single_threaded) return;
    while (__atomic_exchange_n(&registry.lock, 1u, __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(&registry.lock, __ATOMIC_RELAXED)) {
        }
    }
}

void unlock(HeapRegistry& registry) {
    if (!*registry.single_threaded) __atomic_store_n(&registry.lock, 0u, __ATOMIC_RELEASE);
}

bool grow(HeapRegistry& registry) {
    uint64_t capacity = registry.capacity ? registry.capacity * 2 : 1024;
    auto* objects = static_cast<HeapHeader**>(platform_reallocate(registry.objects, capacity * sizeof(HeapHeader*)));
    if (!objects) return false;
    registry.objects = objects;
    registry.capacity = capacity;
    return true;
}

// The header's site field for `site`: its offset from the anchor (even; negative
// when the site lies below the anchor, as in a static executable whose program
// data precedes the runtime's), or a far-site index (odd). False when the site
// is far and the far-site table is full.
bool encode_site(HeapRegistry& registry, const lu_alloc_site* site, int32_t& encoded) {
    int64_t offset = reinterpret_cast<int64_t>(site) - reinterpret_cast<int64_t>(registry.site_anchor);
    if (offset >= INT32_MIN && offset <= INT32_MAX && (offset & 1) == 0) {
        encoded = static_cast<int32_t>(offset);
        return true;
    }
    for (uint64_t i = 0; i < registry.far_site_count; ++i)
        if (registry.far_sites[i] == site) {
            encoded = static_cast<int32_t>(i << 1 | 1);
            return true;
        }
    if (registry.far_site_count == kMaxFarSites) return false;
    registry.far_sites[registry.far_site_count] = site;
    encoded = static_cast<int32_t>(registry.far_site_count++ << 1 | 1);
    return true;
}

}  // namespace

HeapRegistry g_heap_registry = {nullptr, 0, 0, 0, &g_site_anchor, g_far_sites, 0, &kThreadingUnknown, 0, 0};

HeapRegistry& heap_registry() { return g_heap_registry; }

HeapHeader* heap_header_of(void* object) { return heap_header_of_inline(object); }

const lu_alloc_site* heap_site(const HeapHeader& header) {
    HeapRegistry& registry = heap_registry();
    if (header.site & 1) return registry.far_sites[static_cast<uint32_t>(header.site) >> 1];
    return reinterpret_cast<const lu_alloc_site*>(registry.site_anchor + header.site);
}

bool heap_track(HeapHeader* header, const lu_alloc_site* site, uint64_t size, uint32_t how) {
    HeapRegistry& registry = heap_registry();
    if (registry.single_threaded == &kThreadingUnknown) {
        // First allocation: learn the platform's flag.
        registry.single_threaded = platform_single_threaded_flag();
    }
    lock(registry);
    int32_t encoded = 0;
    bool ok = encode_site(registry, site, encoded) && (registry.count < registry.capacity || grow(registry));
    if (ok) {
        header->site = encoded;
        header->slot = static_cast<uint32_t>(registry.count);
        header->tag = heap_tag(size, how);
        registry.objects[registry.count++] = header;
        registry.bytes += size;
    }
    unlock(registry);
    return ok;
}

bool heap_set_site(HeapHeader* header, const lu_alloc_site* site) {
    HeapRegistry& registry = heap_registry();
    lock(registry);
    int32_t encoded = 0;
    bool ok = encode_site(registry, site, encoded);
    if (ok) header->site = encoded;
    unlock(registry);
    return ok;
}

void heap_untrack(HeapHeader* header) {
    HeapRegistry& registry = heap_registry();
    lock(registry);
    uint32_t slot = header->slot;
    HeapHeader* last = registry.objects[--registry.count];
    registry.objects[slot] = last;
    last->slot = slot;
    registry.bytes -= header->size();
    unlock(registry);
    header->tag = 0;  // a second free of the same object is no longer "tracked"
}

HeapHeader* heap_find_containing(uint64_t address) {
    HeapHeader* found = nullptr;
    heap_for_each([&](HeapHeader& h) {
        uint64_t start = reinterpret_cast<uint64_t>(h.object());
        if (address >= start && address < start + h.size()) {
            found = &h;
            return false;
        }
        return true;
    });
    return found;
}

}  // namespace libupdate
