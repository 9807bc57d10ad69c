// heap_registry.cpp — the list of live typed heap objects (see heap.h).
//
// Entry points: heap_registry, heap_header_of, heap_track, heap_untrack,
// heap_find_containing.
#include <libupdate/heap.h>
#include <libupdate/platform.h>

namespace libupdate {

namespace {

HeapRegistry g_registry;

void lock(HeapRegistry& registry) {
    if (platform_single_threaded()) return;
    while (__atomic_exchange_n(&registry.lock, 1u, __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(&registry.lock, __ATOMIC_RELAXED)) {
        }
    }
}

void unlock(HeapRegistry& registry) {
    if (!platform_single_threaded()) __atomic_store_n(&registry.lock, 0u, __ATOMIC_RELEASE);
}

void initialise(HeapRegistry& registry) {
    if (!registry.sentinel.next) {
        registry.sentinel.next = &registry.sentinel;
        registry.sentinel.prev = &registry.sentinel;
    }
}

}  // namespace

HeapRegistry& heap_registry() {
    initialise(g_registry);
    return g_registry;
}

HeapHeader* heap_header_of(void* object) {
    if (!object || (reinterpret_cast<uintptr_t>(object) & 15) != 0) return nullptr;
    const uint64_t* tag_word = static_cast<const uint64_t*>(object) - 1;
    if ((*tag_word >> 48) != kHeapMagic) return nullptr;
    return static_cast<HeapHeader*>(object) - 1;
}

void heap_track(HeapHeader* header, const lu_alloc_site* site, uint64_t size, uint32_t how) {
    HeapRegistry& registry = heap_registry();
    header->site = site;
    header->tag = heap_tag(size, how);
    lock(registry);
    header->prev = &registry.sentinel;
    header->next = registry.sentinel.next;
    registry.sentinel.next->prev = header;
    registry.sentinel.next = header;
    ++registry.count;
    registry.bytes += size;
    unlock(registry);
}

void heap_untrack(HeapHeader* header) {
    HeapRegistry& registry = heap_registry();
    lock(registry);
    header->prev->next = header->next;
    header->next->prev = header->prev;
    --registry.count;
    registry.bytes -= header->size();
    unlock(registry);
    header->tag = 0;  // a second free of the same object is no longer "tracked"
    header->prev = header->next = nullptr;
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
