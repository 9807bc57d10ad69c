// pinned_heap.cpp — heap objects at given addresses (see pinned_heap.h).
//
// Entry points: pinned_place, pinned_owns, pinned_release, pinned_page_count.
#include "pinned_heap.h"

#include <libupdate/hash_map.h>
#include <libupdate/platform.h>

namespace libupdate {

uint64_t g_pinned_pages = 0;

namespace {

// Live pinned objects per page (key: page address, never 0 or 1). Built on
// first use in static storage: no global constructor or destructor runs.
alignas(HashMap<uint32_t>) unsigned char g_page_storage[sizeof(HashMap<uint32_t>)];
bool g_pages_ready = false;

HashMap<uint32_t>& page_users() {
    if (!g_pages_ready) {
        new (PlacementTag{}, g_page_storage) HashMap<uint32_t>();
        g_pages_ready = true;
    }
    return *reinterpret_cast<HashMap<uint32_t>*>(g_page_storage);
}

uint64_t page_of(uint64_t address) { return address & ~(kPlatformPageSize - 1); }

// One less user on every page of [first, end); pages left unused go back.
void drop_pages(uint64_t first, uint64_t end) {
    for (uint64_t page = first; page < end; page += kPlatformPageSize) {
        uint32_t* users = page_users().find(page);
        if (!users) continue;
        if (--*users == 0) {
            page_users().erase(page);
            platform_unmap_pages(page, kPlatformPageSize);
            --g_pinned_pages;
        }
    }
}

// One more user on every page of [first, end), mapping the pages no pinned
// object used yet; on failure the pages of this call are given back.
Result<void> take_pages(uint64_t first, uint64_t end) {
    for (uint64_t page = first; page < end; page += kPlatformPageSize) {
        if (uint32_t* users = page_users().find(page)) {
            ++*users;
            continue;
        }
        Result<void> mapped = platform_map_pages_at(page, kPlatformPageSize);
        if (mapped.ok() && page_users().insert(page, 1)) {
            ++g_pinned_pages;
            continue;
        }
        if (mapped.ok()) platform_unmap_pages(page, kPlatformPageSize);
        drop_pages(first, page);
        if (!mapped.ok()) return mapped.error();
        return make_error(neurath::Error::NoMemory, "out of memory recording pinned pages");
    }
    return {};
}

}  // namespace

Result<void*> pinned_place(uint64_t object_address, uint64_t size, const lu_alloc_site* site) {
    if (object_address % 16 != 0 || object_address < sizeof(HeapHeader) || size > kHeapSizeMask)
        return make_error(neurath::Error::InvalidArgument, "a pinned object must be 16-byte aligned and of a valid size");
    const uint64_t header_address = object_address - sizeof(HeapHeader);
    const uint64_t first = page_of(header_address);
    const uint64_t end = page_of(object_address + size + kPlatformPageSize - 1);
    TRY(take_pages(first, end));
    auto* header = reinterpret_cast<HeapHeader*>(header_address);
    platform_fill(header, 0, sizeof(HeapHeader) + size);
    if (!heap_track(header, site, size, LU_ALLOC_REALLOC)) {
        drop_pages(first, end);
        return make_error(neurath::Error::NoMemory, "out of memory listing a pinned object");
    }
    return header->object();
}

void pinned_release(HeapHeader* header, uint64_t size) {
    const uint64_t header_address = reinterpret_cast<uint64_t>(header);
    drop_pages(page_of(header_address), page_of(header_address + sizeof(HeapHeader) + size + kPlatformPageSize - 1));
}

bool pinned_owns_slowly(const HeapHeader* header) {
    return page_users().find(page_of(reinterpret_cast<uint64_t>(header))) != nullptr;
}

uint64_t pinned_page_count() { return g_pinned_pages; }

}  // namespace libupdate
