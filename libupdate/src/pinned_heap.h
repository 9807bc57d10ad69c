// pinned_heap.h — heap objects placed at a given address (internal), for
// address-preserving transfer: an old object that imprecise state may point
// to is re-created at the very address it had in the old version, header
// included, so those pointers stay valid without being rewritten.
//
// Such an object lives on pages of its own mapped at that address
// (platform_map_pages_at), shared by the pinned objects around it, and is
// listed in the heap registry like any other, with kHowPinned in its header.
// Freeing it unlists it and gives a page back once no pinned object uses it
// any more; realloc moves it to the ordinary heap. Pages are counted per
// page, so the bookkeeping is exact however objects share them.
//
// Entry points: kHowPinned, pinned_place, pinned_release, pinned_page_count.
#pragma once

#include <libupdate/heap.h>
#include <libupdate/result.h>

namespace libupdate {

// Or-ed into a header's `how` (the allocator kinds use the low bits only).
inline constexpr uint32_t kHowPinned = 0x80;

// List a zeroed object of `size` bytes at exactly `object_address` (16-byte
// aligned, its header right before it) with `site` and allocator kind `how`.
// AlreadyExists when the new version uses any of those pages for something
// else; nothing changes on failure.
Result<void*> pinned_place(uint64_t object_address, uint64_t size, const lu_alloc_site* site, uint32_t how);

// After the header was unlisted: give back the pages only it still used.
void pinned_release(HeapHeader* header, uint64_t size);

// Pages mapped for pinned objects now (tests and figures).
uint64_t pinned_page_count();

}  // namespace libupdate
