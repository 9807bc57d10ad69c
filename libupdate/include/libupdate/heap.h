// heap.h — the typed heap: every object the instrumented program allocates
// carries a header naming its allocation site (and so its type), and all live
// objects are linked into one registry so the runtime can enumerate them.
//
// Layout of a tracked object (header immediately before the user pointer):
//   [prev][next][site][tag] user bytes ...
// `tag` packs a magic number (top 16 bits), the allocator kind and the
// user size (low 40 bits). The tag sits in the 8 bytes right before the user
// pointer, where the C library keeps its own chunk size, so a foreign
// pointer can be told apart by reading that one word: its top bits are never
// the magic.
//
// Invariants: the registry is a circular doubly-linked list through a
// sentinel; `count` is the number of objects on it; every header on it has
// the magic; prev/next are consistent. Mutations hold a spin lock.
//
// Entry points: HeapHeader, HeapRegistry, heap_registry(), heap_header_of(),
// heap_track(), heap_untrack(), heap_find_containing().
#pragma once

#include <libupdate/metadata.h>
#include <stddef.h>
#include <stdint.h>

namespace libupdate {

inline constexpr uint64_t kHeapMagic = 0xB17Eull;
inline constexpr uint64_t kHeapSizeMask = (1ull << 40) - 1;

struct HeapHeader {
    HeapHeader* prev;
    HeapHeader* next;
    const lu_alloc_site* site;
    uint64_t tag;  // magic:16 | unused:8 | how:8 | size:40

    uint64_t size() const { return tag & kHeapSizeMask; }
    uint32_t how() const { return static_cast<uint32_t>((tag >> 40) & 0xff); }
    bool valid() const { return (tag >> 48) == kHeapMagic; }
    void* object() { return this + 1; }
    const void* object() const { return this + 1; }
};
static_assert(sizeof(HeapHeader) == 32, "heap headers keep 16-byte alignment");

inline uint64_t heap_tag(uint64_t size, uint32_t how) {
    return (kHeapMagic << 48) | (static_cast<uint64_t>(how & 0xff) << 40) | (size & kHeapSizeMask);
}

struct HeapRegistry {
    HeapHeader sentinel;  // list head; its tag is 0
    uint64_t count;       // live tracked objects
    uint64_t bytes;       // their user bytes
    uint32_t lock;        // spin lock word
    uint32_t reserved;
};

// The program's one registry (sentinel initialised on first use).
HeapRegistry& heap_registry();

// The header of a user pointer, or nullptr when the pointer was not tracked.
HeapHeader* heap_header_of(void* object);

// Link a header placed right before `object` into the registry.
void heap_track(HeapHeader* header, const lu_alloc_site* site, uint64_t size, uint32_t how);
// Unlink it (the memory stays valid).
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

// Visit every live object; stops early when `visit` returns false.
template <typename Visitor>
void heap_for_each(Visitor&& visit) {
    HeapRegistry& registry = heap_registry();
    for (HeapHeader* h = registry.sentinel.next; h != &registry.sentinel; h = h->next)
        if (!visit(*h)) return;
}

}  // namespace libupdate
