// external_objects.cpp — objects of the program's own allocators, which the
// pass reports with __lu_heap_register / __lu_heap_unregister (see heap.h).
// A side table (records + an address index) replaces the missing header.
//
// Entry points: external_objects, __lu_heap_register, __lu_heap_unregister.
#include <libupdate/hash_map.h>
#include <libupdate/heap.h>
#include <libupdate/platform.h>

namespace libupdate {

namespace {

ExternalObjects g_external;

HashMap<uint64_t>& index_by_address() {
    alignas(HashMap<uint64_t>) static unsigned char storage[sizeof(HashMap<uint64_t>)];
    static HashMap<uint64_t>* index = nullptr;
    if (!index) index = new (PlacementTag{}, storage) HashMap<uint64_t>();
    return *index;
}

void lock() {
    while (__atomic_exchange_n(&g_external.lock, 1u, __ATOMIC_ACQUIRE)) {
    }
}
void unlock() { __atomic_store_n(&g_external.lock, 0u, __ATOMIC_RELEASE); }

bool grow() {
    uint64_t capacity = g_external.capacity ? g_external.capacity * 2 : 64;
    auto* records = static_cast<ExternalObject*>(platform_allocate(capacity * sizeof(ExternalObject)));
    if (!records) return false;
    if (g_external.count) platform_copy(records, g_external.records, g_external.count * sizeof(ExternalObject));
    platform_release(g_external.records);
    g_external.records = records;
    g_external.capacity = capacity;
    return true;
}

}  // namespace

ExternalObjects& external_objects() { return g_external; }

}  // namespace libupdate

using namespace libupdate;

extern "C" {

void __lu_heap_register(void* object, size_t size, const lu_alloc_site* site) {
    if (!object) return;
    lock();
    uint64_t key = reinterpret_cast<uint64_t>(object);
    if (uint64_t* known = index_by_address().find(key)) {
        g_external.records[*known] = ExternalObject{object, size, site};  // re-registered: update
    } else if ((g_external.count < g_external.capacity || grow()) && index_by_address().insert(key, g_external.count)) {
        g_external.records[g_external.count++] = ExternalObject{object, size, site};
    }
    unlock();
}

void __lu_heap_unregister(void* object) {
    if (!object) return;
    lock();
    uint64_t key = reinterpret_cast<uint64_t>(object);
    if (uint64_t* slot = index_by_address().find(key)) {
        uint64_t index = *slot;
        (void)index_by_address().erase(key);
        ExternalObject last = g_external.records[--g_external.count];
        if (index != g_external.count) {
            g_external.records[index] = last;
            (void)index_by_address().insert(reinterpret_cast<uint64_t>(last.object), index);
        }
    }
    unlock();
}

}  // extern "C"
