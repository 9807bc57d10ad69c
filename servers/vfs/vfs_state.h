// vfs_state.h — everything the vfs server owns, in one object the framework
// passes to every handler (no handler input hidden in globals).
//
// Live-update state: `fs` (tree, inodes, contents, open files with offsets)
// and the counters. `transfer` is scratch space for grant copies and holds
// nothing between requests.
#pragma once

#include "file_system.h"

namespace vfs {

inline constexpr size_t kTransferChunk = 4096;

struct VfsState {
    FileSystem fs;
    uint64_t requests_served = 0;
    uint64_t bytes_read = 0;
    uint64_t bytes_written = 0;
    uint8_t transfer[kTransferChunk];
};

}  // namespace vfs
