// records.h — kvd's records: a hash table whose bucket array and records
// all live on the heap (chains of Record linked by `next`), so the state a
// live update transfers is made of real pointers. Pure logic (no IPC), so
// it is unit-tested on the host (tests/unit/kvd).
//
// Entry points: kvd::RecordTable::{init, put, get, remove, count},
// kvd::validate_key, kvd::hash_key.
// Invariants: every record is in the chain of bucket hash_key(key) %
// kBuckets; keys are unique; count_ is the number of records (at most
// kCapacity); values fit in kValueBits bits.
#pragma once

#include <protocol/kv.h>
#include <sys/result.h>

namespace kvd {

using protocol::kv::kMaxKey;
using sys::Result;

inline constexpr uint32_t kValueBits = 32;

struct Record {
    Record* next;
    uint32_t hash;
    uint32_t value;
    char key[kMaxKey];
};

// A key field from a message: must be NUL-terminated inside the field,
// non-empty and printable (no spaces).
Result<void> validate_key(const char (&key)[kMaxKey]);
uint32_t hash_key(const char* key);

class RecordTable {
public:
    static constexpr uint32_t kBuckets = 64;
    static constexpr uint64_t kCapacity = 1024;

    // Allocates the (empty) bucket array; call once before anything else.
    void init();
    // Creates or replaces the record of `key`; true if it was created.
    Result<bool> put(const char* key, uint64_t value);
    Result<uint64_t> get(const char* key) const;
    Result<void> remove(const char* key);
    uint64_t count() const { return count_; }

private:
    // The link (a bucket slot or a record's `next`) that points at the record
    // of `key`, or at the end of its chain when there is none.
    Record** link_to(const char* key, uint32_t hash) const;

    Record** buckets_ = nullptr;
    uint64_t count_ = 0;
};

}  // namespace kvd
