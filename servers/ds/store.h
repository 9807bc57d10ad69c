// store.h — the data store's state: key/value entries and name->endpoint
// bindings in one key space, kept sorted by key. Pure logic (no IPC), so
// it is unit-tested on the host (tests/unit/ds).
//
// Entry points: ds::DataStore::{publish, bind, lookup, resolve, remove,
// size, at}, ds::validate_key.
// Invariants: keys are unique, 1..kMaxKey-1 printable ASCII characters;
// entries_[0..count_) are sorted by key; only the owner (or rs) may replace
// or delete an entry.
#pragma once

#include <protocol/ds.h>
#include <sys/result.h>

namespace ds {

using neurath::Endpoint;
using protocol::ds::EntryKind;
using protocol::ds::kMaxKey;
using protocol::ds::kMaxValue;
using sys::Result;

struct StoreEntry {
    char key[kMaxKey];
    EntryKind kind;
    Endpoint owner;
    Endpoint endpoint;        // Binding only
    uint32_t value_length;    // Value only
    uint8_t value[kMaxValue];
};

// A key field from a message: must be NUL-terminated inside the field,
// non-empty and printable (no spaces).
Result<void> validate_key(const char (&key)[kMaxKey]);

class DataStore {
public:
    static constexpr size_t kCapacity = 64;

    Result<void> publish(Endpoint caller, const char* key, const void* value, size_t length);
    Result<void> bind(Endpoint caller, const char* key, Endpoint endpoint);
    Result<const StoreEntry*> lookup(const char* key) const;
    Result<Endpoint> resolve(const char* key) const;
    Result<void> remove(Endpoint caller, const char* key);

    size_t size() const { return count_; }
    // Entries in key order; nullptr past the end.
    const StoreEntry* at(size_t index) const { return index < count_ ? &entries_[index] : nullptr; }

private:
    // Index of `key`, or the index it would be inserted at (found = false).
    size_t position_of(const char* key, bool& found) const;
    // The entry to overwrite for `key` (existing, if the caller may, or a new slot).
    Result<StoreEntry*> slot_for(Endpoint caller, const char* key);

    StoreEntry entries_[kCapacity];
    size_t count_ = 0;
};

}  // namespace ds
