// version.h — the build identity of an executable: a 64-bit FNV-style hash
// of its bytes, taken eight bytes at a time (little-endian words, with a fold
// after each multiply so high bits reach low ones; trailing bytes one by one),
// so the kernel can afford it on every spawn. The kernel records it for every process it spawns (ProcessInfo::
// version); rs records it for every service binary. Users see its first 8 hex
// digits in `ps` and `service list`, so they can tell which build runs.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace neurath {

inline constexpr uint64_t kImageVersionBasis = 0xcbf29ce484222325ull;  // the hash of no bytes

inline constexpr uint64_t kImageVersionPrime = 0x100000001b3ull;

constexpr uint64_t image_version_step(uint64_t hash, uint64_t value) {
    hash = (hash ^ value) * kImageVersionPrime;
    return hash ^ (hash >> 32);
}

// Continues `hash` over more bytes, for images read piece by piece: every
// piece but the last must be a multiple of 8 bytes long, then
// image_version_extend(image_version(a, n), b, m) == image_version of a then b.
constexpr uint64_t image_version_word(const uint8_t* bytes) {
    uint64_t word = 0;
    for (size_t k = 0; k < 8; ++k) word |= static_cast<uint64_t>(bytes[k]) << (8 * k);
    return word;
}

constexpr uint64_t image_version_extend(uint64_t hash, const uint8_t* bytes, size_t length) {
    size_t i = 0;
    // Four words per round: the same steps in the same order, with a quarter
    // of the loop's own instructions (the kernel hashes on every spawn).
    for (; i + 32 <= length; i += 32) {
        hash = image_version_step(hash, image_version_word(bytes + i));
        hash = image_version_step(hash, image_version_word(bytes + i + 8));
        hash = image_version_step(hash, image_version_word(bytes + i + 16));
        hash = image_version_step(hash, image_version_word(bytes + i + 24));
    }
    for (; i + 8 <= length; i += 8) hash = image_version_step(hash, image_version_word(bytes + i));
    for (; i < length; ++i) hash = image_version_step(hash, bytes[i]);
    return hash;
}

constexpr uint64_t image_version(const uint8_t* bytes, size_t length) {
    return image_version_extend(kImageVersionBasis, bytes, length);
}

// The short form users see: the top 32 bits.
constexpr uint32_t short_version(uint64_t version) { return static_cast<uint32_t>(version >> 32); }

}  // namespace neurath
