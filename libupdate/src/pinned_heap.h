// pinned_heap.h — heap objects placed at a given address (internal), for
// address-preserving transfer: an old object that imprecise state may point
// to is re-created at the very address it had in the old version, header
// included, so those pointers stay valid without being rewritten.
//
// Such an object lives on pages of its own mapped at that address
// (platform_map_pages_at), shared by the pinned objects around it, and is
// listed in the heap registry like any other, tagged LU_ALLOC_REALLOC (a
// block of arbitrary size, never cached), so the allocation hooks' common
// paths need no test for it: only where a realloc'ed block is freed or
// resized do they ask pinned_owns(). Freeing it unlists it and gives a page
// back once no pinned object uses it any more; realloc moves it to the
// ordinary heap. Pages are counted per page, so the bookkeeping is exact
// however objects share them, and no other memory is ever on those pages.
//
// Entry points: pinned_place, pinned_owns, pinned_release, pinned_page_count.
#pragma once

#include <libupdate/heap.h>
#include <libupdate/result.h>

namespace libupdate {

// List a zeroed object of `size` bytes at exactly `object_address` (16-byte
// aligned, its header right before it) with `site`.
// AlreadyExists when the new version uses any of those pages for something
// else; nothing changes on failure.
Result<void*> pinned_place(uint64_t object_address, uint64_t size, const lu_alloc_site* site);

// Pages mapped for pinned objects now; zero in every process that never
// received a transfer needing one, so pinned_owns costs one load there.
extern uint64_t g_pinned_pages;

// Whether a header lies on pinned pages (then it is a pinned object).
bool pinned_owns_slowly(const HeapHeader* header);
[[gnu::always_inline]] inline bool pinned_owns(const HeapHeader* header) {
    return g_pinned_pages != 0 && pinned_owns_slowly(header);
}

// After the header was unlisted: give back the pages only it still used.
void pinned_release(HeapHeader* header, uint64_t size);

// Pages mapped for pinned objects now (tests and figures).
uint64_t pinned_page_count();

}  // namespace libupdate
