// bootimage_loader.h — populates the file system from a ustar archive (the
// `bootimage` boot module) at vfs start.
//
// The archive is read through a callback, block by block, so the module
// never has to fit in memory: the server passes a ModuleRead-backed reader,
// tests pass an in-memory one. Directories ('5') and regular files ('0' or
// NUL) are created with their parents; other member kinds are skipped.
// A bad header checksum, a bad size field or a truncated member stops the
// load with BadMessage (what was loaded so far stays); a member whose name
// the tree cannot hold is counted as skipped.
//
// Entry point: load_ustar.
#pragma once

#include "file_system.h"

namespace vfs {

// Copies up to `length` archive bytes at `offset` into buffer; returns the count.
using ArchiveReader = Result<uint64_t> (*)(void* context, uint64_t offset, void* buffer, uint64_t length);

struct LoadSummary {
    uint32_t files;
    uint32_t directories;
    uint32_t skipped;
    uint64_t bytes;
};

Result<LoadSummary> load_ustar(FileSystem& fs, ArchiveReader reader, void* context, uint64_t archive_length);

}  // namespace vfs
