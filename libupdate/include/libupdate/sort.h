// sort.h — sorting for the runtime's large tables (objects by address).
//
// sort_by_key() is an LSD radix sort of (key, index) pairs, 16 bits per pass,
// skipping passes whose digit is the same for every key, followed by one
// permutation: a few linear passes even for millions of objects, where a
// comparison sort would dominate a state transfer. heap_sort() sorts small
// tables in place without extra memory.
//
// Entry points: sort_by_key, heap_sort.
#pragma once

#include <libupdate/platform.h>
#include <libupdate/vector.h>

namespace libupdate {

struct SortKey {
    uint64_t key;
    uint64_t index;
};

// Sort `keys` by key (stable). False when memory is exhausted.
bool radix_sort(Vector<SortKey>& keys);

template <typename T, typename Key>
void heap_sort(T* items, size_t count, Key key);

// Sort `items` by `key(item)` (a uint64_t). False when memory is exhausted.
template <typename T, typename Key>
[[nodiscard]] bool sort_by_key(Vector<T>& items, Key key) {
    if (items.size() < 256) {  // small tables: in place, no counting arrays
        heap_sort(items.begin(), items.size(), key);
        return true;
    }
    Vector<SortKey> keys;
    Vector<T> sorted;
    if (!keys.resize(items.size()) || !sorted.resize(items.size())) return false;
    for (size_t i = 0; i < items.size(); ++i) keys[i] = SortKey{key(items[i]), i};
    if (!radix_sort(keys)) return false;
    for (size_t i = 0; i < keys.size(); ++i) sorted[i] = items[keys[i].index];
    items = static_cast<Vector<T>&&>(sorted);
    return true;
}

// In-place heapsort by `key(item)`.
template <typename T, typename Key>
void heap_sort(T* items, size_t count, Key key) {
    auto sift = [&](size_t root, size_t end) {
        for (;;) {
            size_t child = 2 * root + 1;
            if (child >= end) return;
            if (child + 1 < end && key(items[child]) < key(items[child + 1])) ++child;
            if (!(key(items[root]) < key(items[child]))) return;
            T swap = items[root];
            items[root] = items[child];
            items[child] = swap;
            root = child;
        }
    };
    for (size_t i = count / 2; i-- > 0;) sift(i, count);
    for (size_t end = count; end > 1; --end) {
        T swap = items[0];
        items[0] = items[end - 1];
        items[end - 1] = swap;
        sift(0, end - 1);
    }
}

}  // namespace libupdate
