// records.cpp — kvd::RecordTable: chained hashing over heap records.
// Allocation uses plain new: at most kCapacity records exist, and a heap
// that cannot grow ends kvd with libsys's "out of memory" message.
#include "records.h"

#include <sys/cstring.h>
#include <sys/words.h>

namespace kvd {
namespace str = sys::str;
using neurath::Error;

Result<void> validate_key(const char (&key)[kMaxKey]) { return sys::validate_word(key, kMaxKey); }

uint32_t hash_key(const char* key) {
    uint32_t hash = 2166136261u;
    for (; *key != '\0'; ++key) {
        hash ^= static_cast<uint8_t>(*key);
        hash *= 16777619u;
    }
    return hash;
}

void RecordTable::init() {
    buckets_ = new Record*[kBuckets]();
    count_ = 0;
}

Record** RecordTable::link_to(const char* key, uint32_t hash) const {
    Record** link = &buckets_[hash % kBuckets];
    while (*link != nullptr && ((*link)->hash != hash || str::strcmp((*link)->key, key) != 0)) link = &(*link)->next;
    return link;
}

Result<bool> RecordTable::put(const char* key, uint64_t value) {
    if (value >> kValueBits != 0) return Error::TooBig;
    if (str::strlen(key) >= kMaxKey) return Error::NameTooLong;
    const uint32_t hash = hash_key(key);
    Record** link = link_to(key, hash);
    if (*link != nullptr) {
        (*link)->value = static_cast<uint32_t>(value);
        return false;
    }
    if (count_ == kCapacity) return Error::NoSpace;
    Record* record = new Record{};
    record->hash = hash;
    record->value = static_cast<uint32_t>(value);
    str::strlcpy(record->key, key, sizeof record->key);
    *link = record;
    ++count_;
    return true;
}

Result<uint64_t> RecordTable::get(const char* key) const {
    const Record* record = *link_to(key, hash_key(key));
    if (record == nullptr) return Error::NotFound;
    return uint64_t{record->value};
}

Result<void> RecordTable::remove(const char* key) {
    Record** link = link_to(key, hash_key(key));
    Record* record = *link;
    if (record == nullptr) return Error::NotFound;
    *link = record->next;
    delete record;
    --count_;
    return {};
}

}  // namespace kvd
