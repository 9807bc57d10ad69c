// version.h — the build identity of an executable: a 64-bit FNV-1a hash of
// its bytes. The kernel records it for every process it spawns (ProcessInfo::
// version); rs records it for every service binary. Users see its first 8 hex
// digits in `ps` and `service list`, so they can tell which build runs.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace neurath {

inline constexpr uint64_t kImageVersionBasis = 0xcbf29ce484222325ull;  // the hash of no bytes

// Continues `hash` over more bytes, for images read piece by piece:
// image_version_extend(image_version(a, n), b, m) == image_version of a then b.
constexpr uint64_t image_version_extend(uint64_t hash, const uint8_t* bytes, size_t length) {
    for (size_t i = 0; i < length; ++i) {
        hash ^= bytes[i];
        hash *= 0x100000001b3ull;
    }
    return hash;
}

constexpr uint64_t image_version(const uint8_t* bytes, size_t length) {
    return image_version_extend(kImageVersionBasis, bytes, length);
}

// The short form users see: the top 32 bits.
constexpr uint32_t short_version(uint64_t version) { return static_cast<uint32_t>(version >> 32); }

}  // namespace neurath
