// heap.h — the typed heap: every object the instrumented program allocates
// carries a 16-byte header naming its allocation site (and so its type), and
// all live objects are listed in one table so the runtime can enumerate them.
//
// Layout of a tracked object (header immediately before the user pointer):
//   [site:32][slot:32][tag:64] user bytes ...
// `site` is the allocation site's byte offset from a runtime anchor (sites
// are static data of the program, so 32 bits reach them); a site that is
// too far away (odd value) is an index into a small table of far sites.
// `slot` is the object's index in the registry's table. `tag` packs a magic
// number (top 16 bits), the allocator kind and the user size (low 40 bits).
// The tag sits in the 8 bytes right before the user pointer, where the C
// library keeps its own chunk size, so a foreign pointer can be told apart by
// reading that one word: its top bits are never the magic.
//
// Invariants: objects[h.slot] == &h for every tracked header h; `count`
// entries are in use; every listed header has the magic. Removal moves the
// last entry into the freed slot. Mutations hold a spin lock (skipped while
// the process is single-threaded). The allocation hooks inline the common
// case (src/heap_fast_path.h) and recycle small freed blocks through a
// per-class cache (src/block_cache.h); a cached block is untracked and has
// no magic.
//
// Entry points: HeapHeader, HeapRegistry, heap_registry(), heap_header_of(),
// heap_site(), heap_track(), heap_untrack(), heap_find_containing(),
// heap_for_each(), external_objects().
#pragma once

#include <libupdate/metadata.h>
#include <stddef.h>
#include <stdint.h>

namespace libupdate {

inline constexpr uint64_t kHeapMagic = 0xB17Eull;
inline constexpr uint64_t kHeapSizeMask = (1ull << 40) - 1;
inline constexpr uint32_t kMaxFarSites = 4096;

struct HeapHeader {
    int32_t site;   // byte offset from HeapRegistry::site_anchor, or (far index << 1) | 1
    uint32_t slot;  // index in HeapRegistry::objects
    uint64_t tag;   // magic:16 | how:8 | size:40

    uint64_t size() const { return tag & kHeapSizeMask; }
    uint32_t how() const { return static_cast<uint32_t>((tag >> 40) & 0xff); }
    bool valid() const { return (tag >> 48) == kHeapMagic; }
    void* object() { return this + 1; }
    const void* object() const { return this + 1; }
};
static_assert(sizeof(HeapHeader) == 16, "heap headers keep 16-byte alignment");

inline uint64_t heap_tag(uint64_t size, uint32_t how) {
    return (kHeapMagic << 48) | (static_cast<uint64_t>(how & 0xff) << 40) | (size & kHeapSizeMask);
}

struct HeapRegistry {
    HeapHeader** objects;          // table of live headers
    uint64_t count;                // live tracked objects
    uint64_t capacity;
    uint64_t bytes;                // their user bytes
    const char* site_anchor;       // address site offsets are relative to
    const lu_alloc_site** far_sites;  // sites beyond 32-bit reach
    uint64_t far_site_count;
    const char* single_threaded;   // platform flag: skip the lock while set
    uint32_t lock;                 // spin lock word
    uint32_t reserved;
};

// The program's one registry.
HeapRegistry& heap_registry();

// The header of a user pointer, or nullptr when the pointer was not tracked.
HeapHeader* heap_header_of(void* object);

// The allocation site recorded in a header of this program.
const lu_alloc_site* heap_site(const HeapHeader& header);

// Record `site`, `size`, `how` in the header placed right before its object
// and list it. False when the table cannot grow (the allocation then fails).
[[nodiscard]] bool heap_track(HeapHeader* header, const lu_alloc_site* site, uint64_t size, uint32_t how);
// Unlist it (the memory stays valid) and clear its magic.
// Give a listed object another allocation site (allocator wrappers). False
// when the site is far and the far-site table is full.
bool heap_set_site(HeapHeader* header, const lu_alloc_site* site);
void heap_untrack(HeapHeader* header);

// The live object containing `address` (interior pointers included), or
// nullptr. Linear in the number of objects: for checks and tools, not hot paths.
HeapHeader* heap_find_containing(uint64_t address);

// Objects of project allocators (registered by __lu_heap_register): they have
// no header, so they live in a side table, swap-removed on unregister.
struct ExternalObject {
    void* object;
    uint64_t size;
    const lu_alloc_site* site;
};
struct ExternalObjects {
    ExternalObject* records;
    uint64_t count;
    uint64_t capacity;
    uint32_t lock;
    uint32_t reserved;
};
ExternalObjects& external_objects();

// Visit every live object; stops early when `visit` returns false. The
// visitor must not allocate or free tracked objects.
template <typename Visitor>
void heap_for_each(Visitor&& visit) {
    HeapRegistry& registry = heap_registry();
    for (uint64_t i = 0; i < registry.count; ++i)
        if (!visit(*registry.objects[i])) return;
}

}  // namespace libupdate
