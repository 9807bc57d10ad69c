// hash_map.h — an open-addressing hash map from 64-bit keys to trivially
// copyable values, for the freestanding runtime (memory from the platform
// layer). Key 0 is reserved as "empty"; callers never store it.
//
// Entry points: HashMap<V>::insert, find, erase, for_each, size.
#pragma once

#include <libupdate/platform.h>
#include <stddef.h>
#include <stdint.h>

namespace libupdate {

template <typename V>
class HashMap {
    static_assert(__is_trivially_copyable(V), "HashMap holds trivially copyable values");
    struct Slot {
        uint64_t key;  // 0 = empty, 1 = erased
        V value;
    };

public:
    HashMap() = default;
    HashMap(const HashMap&) = delete;
    HashMap& operator=(const HashMap&) = delete;
    ~HashMap() { platform_release(slots_); }

    // Insert or overwrite. False when memory is exhausted.
    [[nodiscard]] bool insert(uint64_t key, const V& value) {
        if ((used_ + 1) * 4 >= capacity_ * 3 && !grow()) return false;
        size_t index = probe_for_insert(key);
        if (slots_[index].key != key) {
            if (slots_[index].key == 0) ++used_;
            slots_[index].key = key;
            ++size_;
        }
        slots_[index].value = value;
        return true;
    }

    V* find(uint64_t key) {
        if (!capacity_) return nullptr;
        for (size_t i = hash(key) & (capacity_ - 1);; i = (i + 1) & (capacity_ - 1)) {
            if (slots_[i].key == key) return &slots_[i].value;
            if (slots_[i].key == 0) return nullptr;
        }
    }

    bool erase(uint64_t key) {
        V* value = find(key);
        if (!value) return false;
        Slot* slot = reinterpret_cast<Slot*>(reinterpret_cast<char*>(value) - __builtin_offsetof(Slot, value));
        slot->key = 1;
        --size_;
        return true;
    }

    template <typename Visitor>
    void for_each(Visitor&& visit) {
        for (size_t i = 0; i < capacity_; ++i)
            if (slots_[i].key > 1) visit(slots_[i].key, slots_[i].value);
    }

    size_t size() const { return size_; }
    void clear() {
        if (slots_) platform_fill(slots_, 0, capacity_ * sizeof(Slot));
        size_ = used_ = 0;
    }

private:
    static size_t hash(uint64_t key) {
        key ^= key >> 33;
        key *= 0xff51afd7ed558ccdull;
        key ^= key >> 33;
        return static_cast<size_t>(key);
    }

    size_t probe_for_insert(uint64_t key) {
        size_t erased = capacity_;
        for (size_t i = hash(key) & (capacity_ - 1);; i = (i + 1) & (capacity_ - 1)) {
            if (slots_[i].key == key) return i;
            if (slots_[i].key == 1 && erased == capacity_) erased = i;
            if (slots_[i].key == 0) return erased != capacity_ ? erased : i;
        }
    }

    bool grow() {
        size_t capacity = capacity_ ? capacity_ * 2 : 16;
        while (size_ * 2 >= capacity) capacity *= 2;
        Slot* old = slots_;
        size_t old_capacity = capacity_;
        slots_ = static_cast<Slot*>(platform_allocate(capacity * sizeof(Slot)));
        if (!slots_) {
            slots_ = old;
            return false;
        }
        platform_fill(slots_, 0, capacity * sizeof(Slot));
        capacity_ = capacity;
        size_ = used_ = 0;
        for (size_t i = 0; i < old_capacity; ++i)
            if (old[i].key > 1) {
                size_t index = probe_for_insert(old[i].key);
                slots_[index] = old[i];
                ++size_;
                ++used_;
            }
        platform_release(old);
        return true;
    }

    Slot* slots_ = nullptr;
    size_t capacity_ = 0;
    size_t size_ = 0;
    size_t used_ = 0;
};

}  // namespace libupdate
