// store.cpp — ds::DataStore: a sorted array of entries with owner checks.
#include "store.h"

#include <sys/cstring.h>
#include <sys/words.h>

namespace ds {
namespace str = sys::str;
using neurath::Error;

Result<void> validate_key(const char (&key)[kMaxKey]) { return sys::validate_word(key, kMaxKey); }

namespace {
bool may_modify(Endpoint caller, const StoreEntry& entry) {
    return caller == entry.owner || caller == neurath::kRs;
}
}  // namespace

size_t DataStore::position_of(const char* key, bool& found) const {
    size_t low = 0;
    size_t high = count_;
    while (low < high) {
        const size_t middle = (low + high) / 2;
        const int order = str::strcmp(entries_[middle].key, key);
        if (order == 0) {
            found = true;
            return middle;
        }
        if (order < 0) low = middle + 1;
        else high = middle;
    }
    found = false;
    return low;
}

Result<StoreEntry*> DataStore::slot_for(Endpoint caller, const char* key) {
    if (str::strlen(key) >= kMaxKey) return Error::NameTooLong;
    bool found = false;
    const size_t index = position_of(key, found);
    if (found) {
        if (!may_modify(caller, entries_[index])) return Error::PermissionDenied;
        return &entries_[index];
    }
    if (count_ == kCapacity) return Error::NoSpace;
    str::memmove(&entries_[index + 1], &entries_[index], (count_ - index) * sizeof(StoreEntry));
    ++count_;
    StoreEntry& entry = entries_[index];
    str::memset(&entry, 0, sizeof entry);
    str::strlcpy(entry.key, key, kMaxKey);
    entry.owner = caller;
    return &entry;
}

Result<void> DataStore::publish(Endpoint caller, const char* key, const void* value, size_t length) {
    if (length > kMaxValue) return Error::TooBig;
    StoreEntry* entry = TRY(slot_for(caller, key));
    entry->kind = EntryKind::Value;
    entry->endpoint = neurath::kNone;
    entry->value_length = static_cast<uint32_t>(length);
    str::memcpy(entry->value, value, length);
    return {};
}

Result<void> DataStore::bind(Endpoint caller, const char* key, Endpoint endpoint) {
    if (endpoint < 0 || endpoint >= neurath::kMaxEndpoints) return Error::InvalidArgument;
    StoreEntry* entry = TRY(slot_for(caller, key));
    entry->kind = EntryKind::Binding;
    entry->endpoint = endpoint;
    entry->value_length = 0;
    return {};
}

Result<const StoreEntry*> DataStore::lookup(const char* key) const {
    bool found = false;
    const size_t index = position_of(key, found);
    if (!found) return Error::NotFound;
    return &entries_[index];
}

Result<Endpoint> DataStore::resolve(const char* key) const {
    const StoreEntry* entry = TRY(lookup(key));
    if (entry->kind != EntryKind::Binding) return Error::InvalidArgument;
    return entry->endpoint;
}

Result<void> DataStore::remove(Endpoint caller, const char* key) {
    bool found = false;
    const size_t index = position_of(key, found);
    if (!found) return Error::NotFound;
    if (!may_modify(caller, entries_[index])) return Error::PermissionDenied;
    str::memmove(&entries_[index], &entries_[index + 1], (count_ - index - 1) * sizeof(StoreEntry));
    --count_;
    return {};
}

}  // namespace ds
