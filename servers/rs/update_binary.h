// update_binary.h — the load phase of a live update: a binary read from vfs
// and validated before anything pauses (vfs itself may be the server being
// updated). Kept binaries (rs's copy) are what restarts and `update --undo`
// run later.
//
// Entry points: rs::Binary, rs::load_update_binary, rs::release_binary,
// rs::copy_binary.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <sys/result.h>

namespace rs {

using sys::Result;

struct Binary {
    uint8_t* data = nullptr;  // rs's heap copy
    size_t length = 0;
    uint64_t version = 0;     // neurath::image_version of the bytes
};

// Reads `path` from vfs and checks that it is an x86_64 ELF executable with
// update metadata (a non-empty `lu_modules` section) built as a version of
// `program` (its `.neurath_identity` section). On failure `why` says what is
// wrong with which file; nothing is kept.
Result<Binary> load_update_binary(const char* path, const char* program, char* why, size_t why_capacity);

// The same checks on bytes rs already holds (a kept binary, a boot module).
Result<void> validate_update_binary(const uint8_t* data, size_t length, const char* path, const char* program,
                                    char* why, size_t why_capacity);

Result<Binary> copy_binary(const uint8_t* data, size_t length);
void release_binary(Binary& binary);

}  // namespace rs
