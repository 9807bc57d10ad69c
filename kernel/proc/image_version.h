// image_version.h — the build identity of an executable the kernel is about
// to start: neurath::image_version over every byte of the image (ELF file),
// the same hash rs computes over a service binary.
//
// Entry point: image_version_of(source). Reads the image piece by piece
// through its ImageSource; a read error is returned (nothing is started).
#pragma once

#include <stdint.h>

#include "core/result.h"
#include "proc/lifecycle.h"

namespace kernel {

Result<uint64_t> image_version_of(const ImageSource& source);

}  // namespace kernel
