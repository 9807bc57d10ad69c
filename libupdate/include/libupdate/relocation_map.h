// relocation_map.h — where every piece of source state went.
//
// One entry per transferred object (global, heap object, copied C string):
// the source address range, the address the destination object has (the
// value relocated pointers take), and the source and destination types, so
// an interior pointer can be carried to the same field in the new layout.
// Lookups are binary searches over entries sorted by source address.
//
// Entry points: RelocationEntry, RelocationMap::add, seal, find.
#pragma once

#include <libupdate/program_model.h>
#include <libupdate/result.h>
#include <libupdate/sort.h>
#include <libupdate/vector.h>

namespace libupdate {

enum class RelocationKind : uint8_t { Global, HeapObject, CopiedString };

struct RelocationEntry {
    uint64_t source_start;
    uint64_t source_size;
    uint64_t destination;       // pointer value of the destination object
    uint64_t destination_size;
    TypeId source_type;         // element type (the object is an array of `count` of them)
    TypeId destination_type;
    uint64_t count;             // elements; kNoType types: raw bytes
    uint32_t index;             // global / object index in its model
    RelocationKind kind;
    uint8_t flags = 0;          // kEntryScannedBytes, kEntryDataTail
};

// A heap byte buffer that may hold objects (address_preserving.h):
// converted as untyped memory is, scanned for likely pointers.
inline constexpr uint8_t kEntryScannedBytes = 1;
// Bytes past the last whole element of an object allocated in a function
// declared to allocate data (LU_SITE_DATA: a packet buffer behind its
// header): data, copied as they are and not scanned.
inline constexpr uint8_t kEntryDataTail = 2;

class RelocationMap {
public:
    [[nodiscard]] bool add(const RelocationEntry& entry) { return entries_.push(entry); }
    // Sort by source address and reject overlapping entries.
    Result<void> seal();
    // The entry whose source range contains `address`; failing that, one whose
    // range ends exactly there (a one-past-the-end pointer); else nullptr.
    const RelocationEntry* find(uint64_t address) const;

    size_t size() const { return entries_.size(); }
    const RelocationEntry& operator[](size_t i) const { return entries_[i]; }
    RelocationEntry& operator[](size_t i) { return entries_[i]; }
    void clear() { entries_.clear(); }

private:
    Vector<RelocationEntry> entries_;
};

}  // namespace libupdate
