// file_system.h — the file operations clients ask vfs for, on top of the
// tree (fs_core), path resolution (path) and descriptor tables (open_files).
//
// Pure and host-tested; the server's handlers decode a message, move the
// bytes through grants and call exactly one of these. Every operation names
// the client endpoint it acts for, so descriptors never leak across
// processes.
//
// Entry points: FileSystem::open, read, peek_read/consume_read, write, seek,
// close, close_all, stat,
// stat_descriptor, read_directory, make_directory, unlink, rename, core.
// Directories are opened with kOpenDirectory and listed by index.
#pragma once

#include "fs_core.h"
#include "open_files.h"
#include "path.h"

namespace vfs {

// open() flags. Directory: open a directory (read-only) for read_directory.
inline constexpr uint32_t kOpenRead = 1;
inline constexpr uint32_t kOpenWrite = 2;
inline constexpr uint32_t kOpenCreate = 4;
inline constexpr uint32_t kOpenTruncate = 8;
inline constexpr uint32_t kOpenAppend = 16;
inline constexpr uint32_t kOpenDirectory = 32;
inline constexpr uint32_t kOpenExclusive = 64;
inline constexpr uint32_t kOpenAllFlags = 127;

enum class Whence : uint32_t { Set = 0, Current = 1, End = 2 };

// A client path: bytes plus length (not necessarily NUL-terminated).
struct Path {
    const char* text;
    size_t length;
};
Path path_of(const char* text);

class FileSystem {
public:
    Result<int32_t> open(Endpoint client, Path path, uint32_t flags);
    Result<uint64_t> read(Endpoint client, int32_t descriptor, void* out, uint64_t length);
    // Zero-copy read in two steps: the bytes a read would return (offset
    // unchanged), then consume_read once they were delivered.
    Result<ConstBytes> peek_read(Endpoint client, int32_t descriptor, uint64_t length);
    Result<void> consume_read(Endpoint client, int32_t descriptor, uint64_t count);
    Result<uint64_t> write(Endpoint client, int32_t descriptor, const void* in, uint64_t length);
    Result<uint64_t> seek(Endpoint client, int32_t descriptor, int64_t offset, Whence whence);
    Result<void> close(Endpoint client, int32_t descriptor);
    // Closes every descriptor of a process that went away; returns how many.
    uint32_t close_all(Endpoint client);

    Result<NodeStat> stat(Path path) const;
    Result<NodeStat> stat_descriptor(Endpoint client, int32_t descriptor);
    // The entry at `index` of an open directory (DirEntry::end past the last).
    Result<DirEntry> read_directory(Endpoint client, int32_t descriptor, uint32_t index);
    Result<void> make_directory(Path path);
    // Removes a file or an empty directory.
    Result<void> unlink(Path path);
    Result<void> rename(Path from, Path to);

    FsCore& core() { return core_; }
    const FsCore& core() const { return core_; }
    const OpenFileTable& open_files() const { return open_files_; }

private:
    Result<InodeId> open_or_create(Path path, uint32_t flags);
    Result<InodeId> open_existing(InodeId node, uint32_t flags) const;

    FsCore core_;
    OpenFileTable open_files_;
};

}  // namespace vfs
