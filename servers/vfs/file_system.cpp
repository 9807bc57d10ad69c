// file_system.cpp — client-facing file operations (see file_system.h).
//
// Entry points: the FileSystem methods. Open references: every descriptor
// holds one FsCore reference (retain on open, release on close), so a file
// removed while open stays readable through its descriptors.
#include "file_system.h"

#include <sys/cstring.h>

namespace vfs {
namespace {

uint32_t mode_of(uint32_t flags) {
    uint32_t mode = 0;
    if (flags & kOpenRead) mode |= kModeRead;
    if (flags & kOpenWrite) mode |= kModeWrite;
    if (flags & kOpenAppend) mode |= kModeWrite | kModeAppend;
    return mode;
}

Result<void> check_flags(uint32_t flags) {
    if ((flags & ~kOpenAllFlags) != 0) return Error::InvalidArgument;
    const uint32_t mode = mode_of(flags);
    if (mode == 0) return Error::InvalidArgument;  // neither read nor write
    if ((flags & kOpenTruncate) && !(mode & kModeWrite)) return Error::InvalidArgument;
    if ((flags & kOpenExclusive) && !(flags & kOpenCreate)) return Error::InvalidArgument;
    if ((flags & kOpenDirectory) && (mode & kModeWrite)) return Error::IsADirectory;
    return {};
}

}  // namespace

Path path_of(const char* text) { return Path{text, sys::str::strlen(text)}; }

Result<int32_t> FileSystem::open(Endpoint client, Path path, uint32_t flags) {
    TRY(check_flags(flags));
    const InodeId inode = TRY(open_or_create(path, flags));
    const int32_t descriptor = TRY(open_files_.install(client, inode, mode_of(flags)));
    core_.retain(inode);
    if (flags & kOpenTruncate) TRY(core_.truncate(inode, 0));
    return descriptor;
}

Result<InodeId> FileSystem::open_or_create(Path path, uint32_t flags) {
    const Result<InodeId> existing = resolve(core_, path.text, path.length);
    if (existing.ok()) return open_existing(existing.value(), flags);
    if (existing.error() != Error::NotFound || !(flags & kOpenCreate)) return existing.error();
    if (flags & kOpenDirectory) return Error::NotFound;  // directories come from make_directory
    const ParentAndName where = TRY(resolve_parent(core_, path.text, path.length));
    return core_.create(where.directory, where.name, NodeKind::File);
}

Result<InodeId> FileSystem::open_existing(InodeId node, uint32_t flags) const {
    if ((flags & kOpenCreate) && (flags & kOpenExclusive)) return Error::AlreadyExists;
    const bool is_directory = core_.is_directory(node);
    if ((flags & kOpenDirectory) && !is_directory) return Error::NotADirectory;
    if (!(flags & kOpenDirectory) && is_directory) return Error::IsADirectory;
    return node;
}

Result<uint64_t> FileSystem::read(Endpoint client, int32_t descriptor, void* out, uint64_t length) {
    OpenFile* file = TRY(open_files_.lookup(client, descriptor));
    if (!(file->mode & kModeRead)) return Error::BadFileDescriptor;
    const uint64_t count = TRY(core_.read(file->inode, file->offset, out, length));
    file->offset += count;
    return count;
}

Result<ConstBytes> FileSystem::peek_read(Endpoint client, int32_t descriptor, uint64_t length) {
    const OpenFile* file = TRY(open_files_.lookup(client, descriptor));
    if (!(file->mode & kModeRead)) return Error::BadFileDescriptor;
    return core_.view(file->inode, file->offset, length);
}

Result<void> FileSystem::consume_read(Endpoint client, int32_t descriptor, uint64_t count) {
    OpenFile* file = TRY(open_files_.lookup(client, descriptor));
    const uint64_t size = TRY(core_.stat(file->inode)).size;
    if (count > size || file->offset > size - count) return Error::InvalidArgument;
    file->offset += count;
    return {};
}

Result<uint64_t> FileSystem::write(Endpoint client, int32_t descriptor, const void* in, uint64_t length) {
    OpenFile* file = TRY(open_files_.lookup(client, descriptor));
    if (!(file->mode & kModeWrite)) return Error::BadFileDescriptor;
    if (file->mode & kModeAppend) file->offset = TRY(core_.stat(file->inode)).size;
    const uint64_t count = TRY(core_.write(file->inode, file->offset, in, length));
    file->offset += count;
    return count;
}

Result<uint64_t> FileSystem::seek(Endpoint client, int32_t descriptor, int64_t offset, Whence whence) {
    OpenFile* file = TRY(open_files_.lookup(client, descriptor));
    int64_t base = 0;
    switch (whence) {
    case Whence::Set: base = 0; break;
    case Whence::Current: base = static_cast<int64_t>(file->offset); break;
    case Whence::End: base = static_cast<int64_t>(TRY(core_.stat(file->inode)).size); break;
    default: return Error::InvalidArgument;
    }
    // Both terms are bounded by kMaxFileSize or checked first, so no overflow.
    const int64_t limit = static_cast<int64_t>(kMaxFileSize);
    if (offset > limit || offset < -limit) return Error::InvalidArgument;
    const int64_t target = base + offset;
    if (target < 0 || target > limit) return Error::InvalidArgument;
    file->offset = static_cast<uint64_t>(target);
    return file->offset;
}

Result<void> FileSystem::close(Endpoint client, int32_t descriptor) {
    const InodeId inode = TRY(open_files_.remove(client, descriptor));
    core_.release(inode);
    return {};
}

uint32_t FileSystem::close_all(Endpoint client) {
    InodeId closed[kMaxFilesPerClient];
    const uint32_t count = open_files_.remove_all(client, closed);
    for (uint32_t i = 0; i < count; ++i) core_.release(closed[i]);
    return count;
}

Result<NodeStat> FileSystem::stat(Path path) const {
    const InodeId inode = TRY(resolve(core_, path.text, path.length));
    return core_.stat(inode);
}

Result<NodeStat> FileSystem::stat_descriptor(Endpoint client, int32_t descriptor) {
    const OpenFile* file = TRY(open_files_.lookup(client, descriptor));
    return core_.stat(file->inode);
}

Result<DirEntry> FileSystem::read_directory(Endpoint client, int32_t descriptor, uint32_t index) {
    const OpenFile* file = TRY(open_files_.lookup(client, descriptor));
    return core_.entry_at(file->inode, index);
}

Result<void> FileSystem::make_directory(Path path) {
    if (resolve(core_, path.text, path.length).ok()) return Error::AlreadyExists;
    const ParentAndName where = TRY(resolve_parent(core_, path.text, path.length));
    TRY(core_.create(where.directory, where.name, NodeKind::Directory));
    return {};
}

Result<void> FileSystem::unlink(Path path) {
    const InodeId node = TRY(resolve(core_, path.text, path.length));
    if (node == kRootInode) return Error::Busy;
    const ParentAndName where = TRY(resolve_parent(core_, path.text, path.length));
    return core_.remove(where.directory, where.name);
}

Result<void> FileSystem::rename(Path from, Path to) {
    const InodeId node = TRY(resolve(core_, from.text, from.length));
    if (node == kRootInode) return Error::Busy;
    const ParentAndName source = TRY(resolve_parent(core_, from.text, from.length));
    const ParentAndName target = TRY(resolve_parent(core_, to.text, to.length));
    return core_.rename(source.directory, source.name, target.directory, target.name);
}

}  // namespace vfs
