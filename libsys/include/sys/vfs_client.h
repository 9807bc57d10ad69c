// vfs_client.h — client stubs for the file-system server (protocol/vfs.h).
//
// Paths and data move through grants created and revoked inside each call.
// Entry points: sys::vfs::open, read, write, seek, close, stat, fstat,
// readdir, mkdir, unlink, rename, read_whole_file.
#pragma once

#include <protocol/vfs.h>
#include <sys/kcall.h>
#include <sys/result.h>

namespace sys::vfs {

using protocol::vfs::DirEntry;
using protocol::vfs::StatReply;
using protocol::vfs::Whence;

Result<int> open(const char* path, uint32_t flags);
Result<size_t> read(int fd, void* buffer, size_t length);
Result<size_t> write(int fd, const void* buffer, size_t length);
Result<uint64_t> seek(int fd, int64_t offset, Whence whence);
Result<void> close(int fd);
Result<StatReply> stat(const char* path);
Result<StatReply> fstat(int fd);
// The entry at `index` of the open directory; NotFound past the end.
Result<DirEntry> readdir(int fd, uint32_t index);
Result<void> mkdir(const char* path);
Result<void> unlink(const char* path);
Result<void> rename(const char* from, const char* to);

// Reads a whole file into a malloc'd buffer (caller frees); *length gets its size.
Result<uint8_t*> read_whole_file(const char* path, size_t* length);

}  // namespace sys::vfs
