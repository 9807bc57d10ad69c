// image_version.cpp — hashing an executable image (see image_version.h).
//
// Entry point: image_version_of. One page-sized kernel buffer is reused for
// every image (the kernel runs one call at a time, interrupts disabled).
#include "proc/image_version.h"

#include <neurath/version.h>

namespace kernel {
namespace {

constexpr uint64_t kChunk = 4096;
alignas(64) uint8_t chunk[kChunk];

}  // namespace

Result<uint64_t> image_version_of(const ImageSource& source) {
    uint64_t hash = neurath::kImageVersionBasis;
    for (uint64_t offset = 0; offset < source.length; offset += kChunk) {
        uint64_t length = source.length - offset < kChunk ? source.length - offset : kChunk;
        TRY(source.read(source.context, offset, chunk, length));
        hash = neurath::image_version_extend(hash, chunk, length);
    }
    return hash;
}

}  // namespace kernel
