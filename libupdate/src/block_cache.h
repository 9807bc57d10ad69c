// block_cache.h — a small cache of freed typed-heap blocks, per size class,
// for the allocation hooks (alloc_hooks.cpp). Private to the runtime.
//
// Every tracked block of up to kCacheMaxSize user bytes is requested from the
// platform heap rounded up to its class: 16 * k - overhead bytes, k = the
// number of 16-byte units the platform heap's block takes (user size + 16
// header + the heap's own overhead, kPlatformHeapOverhead, rounded up). That
// is exactly the block the heap would hand out anyway (glibc on the host,
// libsys in Neurath), so rounding costs no memory, and any block of class k
// can hold any request of class k. A freed block of a cacheable class goes onto
// its class's list (at most cache_depth(k) blocks each) instead of back to the
// C library; the next allocation of that class takes it back.
//
// A cached block is not tracked: it is out of the registry and its tag (and
// magic) is cleared, so enumeration, snapshots and transfers never see it,
// and a second free of it is handed to the C library, which reports it.
// realloc keeps small blocks class blocks (resized in place within the class,
// else moved to a block of the new class); only blocks the C library's
// realloc resized (tagged LU_ALLOC_REALLOC) may be of any size and are never
// cached.
// The cache is used only while the process runs one thread.
//
// Entry points: BlockCache, cache_class_of(), cache_request_bytes(),
// cache_take(), cache_give().
#pragma once

#include <libupdate/heap.h>
#include <libupdate/platform.h>

namespace libupdate {

inline constexpr uint32_t kCacheClasses = 34;
// Largest user size with a class below kCacheClasses (504 bytes on the host).
inline constexpr uint64_t kCacheMaxSize = 16 * (kCacheClasses - 1) - sizeof(HeapHeader) - kPlatformHeapOverhead;
inline constexpr uint32_t kCacheDepth = 32;            // blocks kept per class at least
inline constexpr uint64_t kCacheBytesPerClass = 16384;  // and up to this many bytes of small blocks

// Blocks kept in class `k`: small classes keep more, so a garbage collector
// that frees hundreds of small objects per step and then allocates as many
// (Lua's incremental sweep) is served from the cache, while no class holds
// more than max(kCacheDepth blocks, kCacheBytesPerClass bytes).
[[gnu::always_inline]] inline constexpr uint32_t cache_depth(uint32_t k) {
    uint64_t by_bytes = kCacheBytesPerClass / (static_cast<uint64_t>(k) << 4);
    return by_bytes > kCacheDepth ? static_cast<uint32_t>(by_bytes) : kCacheDepth;
}

struct BlockCache {
    HeapHeader* head[kCacheClasses];   // singly linked through the header's first word
    uint32_t count[kCacheClasses];
};

// Size class of a request of `size` user bytes (size <= kCacheMaxSize).
[[gnu::always_inline]] inline uint32_t cache_class_of(uint64_t size) {
    return static_cast<uint32_t>((size + sizeof(HeapHeader) + kPlatformHeapOverhead + 15) >> 4);
}

// Bytes to ask the platform heap for, header included, for a block of class `k`.
[[gnu::always_inline]] inline uint64_t cache_request_bytes(uint32_t k) {
    return (static_cast<uint64_t>(k) << 4) - kPlatformHeapOverhead;
}

// A cached block of class `k`, or nullptr when the class is empty.
[[gnu::always_inline]] inline HeapHeader* cache_take(BlockCache& cache, uint32_t k) {
    HeapHeader* block = cache.head[k];
    if (!block) return nullptr;
    HeapHeader* next;
    __builtin_memcpy(&next, static_cast<const void*>(block), sizeof(HeapHeader*));
    cache.head[k] = next;
    --cache.count[k];
    return block;
}

// Keeps an untracked block of class `k`; false when the class is full.
[[gnu::always_inline]] inline bool cache_give(BlockCache& cache, uint32_t k, HeapHeader* block) {
    if (cache.count[k] >= cache_depth(k)) return false;
    HeapHeader* next = cache.head[k];
    __builtin_memcpy(static_cast<void*>(block), &next, sizeof(HeapHeader*));
    cache.head[k] = block;
    ++cache.count[k];
    return true;
}

}  // namespace libupdate
