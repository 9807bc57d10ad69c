// vfs_client.cpp — client stubs for the file-system server; each call
// grants exactly the buffer or path it passes and revokes it on return.
#include <sys/call.h>
#include <sys/cstring.h>
#include <sys/grant.h>
#include <sys/heap.h>
#include <sys/vfs_client.h>

namespace sys::vfs {
namespace pv = protocol::vfs;
using neurath::kGrantRead;
using neurath::kGrantWrite;
using neurath::kVfs;

namespace {
Result<Grant> grant_path(const char* path) {
    const size_t length = str::strlen(path);
    if (length == 0) return Error::InvalidArgument;
    if (length >= pv::kMaxPath) return Error::NameTooLong;
    return Grant::create(kVfs, path, length, kGrantRead);
}
}  // namespace

Result<int> open(const char* path, uint32_t flags) {
    Grant grant = TRY(grant_path(path));
    auto reply = TRY(call<pv::OpenReply>(kVfs, pv::kOpen, pv::OpenRequest{grant.ref(), flags, 0}));
    return reply.fd;
}

Result<size_t> read(int fd, void* buffer, size_t length) {
    Grant grant = TRY(Grant::create(kVfs, buffer, length, kGrantWrite));
    auto reply = TRY(call<pv::TransferReply>(kVfs, pv::kRead, pv::ReadRequest{fd, 0, grant.ref()}));
    return static_cast<size_t>(reply.bytes);
}

Result<size_t> write(int fd, const void* buffer, size_t length) {
    Grant grant = TRY(Grant::create(kVfs, buffer, length, kGrantRead));
    auto reply = TRY(call<pv::TransferReply>(kVfs, pv::kWrite, pv::WriteRequest{fd, 0, grant.ref()}));
    return static_cast<size_t>(reply.bytes);
}

Result<uint64_t> seek(int fd, int64_t offset, Whence whence) {
    auto reply = TRY(call<pv::SeekReply>(kVfs, pv::kSeek, pv::SeekRequest{fd, whence, offset}));
    return reply.position;
}

Result<void> close(int fd) { return call_status(kVfs, pv::kClose, pv::CloseRequest{fd}); }

Result<StatReply> stat(const char* path) {
    Grant grant = TRY(grant_path(path));
    return call<StatReply>(kVfs, pv::kStat, pv::StatRequest{grant.ref()});
}

Result<StatReply> fstat(int fd) { return call<StatReply>(kVfs, pv::kFstat, pv::FstatRequest{fd}); }

Result<DirEntry> readdir(int fd, uint32_t index) {
    DirEntry entry;
    str::memset(&entry, 0, sizeof entry);
    Grant grant = TRY(Grant::create(kVfs, &entry, sizeof entry, kGrantWrite));
    TRY(call_status(kVfs, pv::kReadDir, pv::ReadDirRequest{fd, index, grant.ref()}));
    entry.name[sizeof entry.name - 1] = '\0';
    return entry;
}

Result<void> mkdir(const char* path) {
    Grant grant = TRY(grant_path(path));
    return call_status(kVfs, pv::kMkdir, pv::PathRequest{grant.ref()});
}

Result<void> unlink(const char* path) {
    Grant grant = TRY(grant_path(path));
    return call_status(kVfs, pv::kUnlink, pv::PathRequest{grant.ref()});
}

Result<void> rename(const char* from, const char* to) {
    Grant from_grant = TRY(grant_path(from));
    Grant to_grant = TRY(grant_path(to));
    return call_status(kVfs, pv::kRename, pv::RenameRequest{from_grant.ref(), to_grant.ref()});
}

namespace {
Result<void> read_exactly(int fd, uint8_t* buffer, size_t length) {
    size_t done = 0;
    while (done < length) {
        const size_t got = TRY(read(fd, buffer + done, length - done));
        if (got == 0) return Error::BadMessage;  // file shrank under us
        done += got;
    }
    return {};
}
}  // namespace

// A file's contents are data: live update copies them unscanned (LU_SITE_DATA).
[[clang::annotate("neurath.data_allocation")]] Result<uint8_t*> read_whole_file(const char* path, size_t* length) {
    const int fd = TRY(open(path, pv::kOpenRead));
    auto info = fstat(fd);
    if (info.is_error() || info.value().type != pv::FileType::Regular) {
        (void)close(fd);
        return info.is_error() ? info.error() : Error::IsADirectory;
    }
    const size_t size = info.value().size;
    auto* buffer = static_cast<uint8_t*>(malloc(size ? size : 1));
    if (!buffer) {
        (void)close(fd);
        return Error::NoMemory;
    }
    Result<void> done = read_exactly(fd, buffer, size);
    (void)close(fd);
    if (done.is_error()) {
        free(buffer);
        return done.error();
    }
    *length = size;
    return buffer;
}

}  // namespace sys::vfs
