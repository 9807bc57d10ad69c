// path.h — resolving absolute path names against the in-memory tree.
//
// Entry points: resolve (path -> inode), resolve_parent (path -> directory
// inode + last name, for create/remove/rename). Paths are absolute, at most
// kPathMax bytes; repeated and trailing '/' are allowed, "." and ".." are
// understood ("/.." is "/"). A component longer than kNameMax is NameTooLong;
// a component that is a file in the middle of a path is NotADirectory.
#pragma once

#include "fs_core.h"

namespace vfs {

inline constexpr size_t kPathMax = 256;

struct ParentAndName {
    InodeId directory;
    Name name;  // points into the caller's path buffer
};

Result<InodeId> resolve(const FsCore& fs, const char* path, size_t length);
// The path must name something below the root: "/" gives InvalidArgument.
// The final name is validated (validate_name) but need not exist.
Result<ParentAndName> resolve_parent(const FsCore& fs, const char* path, size_t length);

}  // namespace vfs
