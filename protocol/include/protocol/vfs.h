// vfs.h — file-system server protocol (endpoint neurath::kVfs).
//
// File descriptors are per client endpoint. Paths are absolute, sent through
// a read grant (GrantRef, no NUL needed: length is exact, at most kMaxPath).
// Data moves through grants: Read writes into the client's write grant,
// Write copies from the client's read grant.
#pragma once

#include <protocol/common.h>

namespace protocol::vfs {

inline constexpr uint32_t kMaxPath = 256;
inline constexpr uint32_t kMaxName = 60;   // one path component, without NUL

// --- request codes ----------------------------------------------------------
inline constexpr int32_t kOpen = kVfsBase + 0;
inline constexpr int32_t kRead = kVfsBase + 1;
inline constexpr int32_t kWrite = kVfsBase + 2;
inline constexpr int32_t kSeek = kVfsBase + 3;
inline constexpr int32_t kClose = kVfsBase + 4;
inline constexpr int32_t kStat = kVfsBase + 5;
inline constexpr int32_t kReadDir = kVfsBase + 6;
inline constexpr int32_t kMkdir = kVfsBase + 7;
inline constexpr int32_t kUnlink = kVfsBase + 8;
inline constexpr int32_t kRename = kVfsBase + 9;
inline constexpr int32_t kFstat = kVfsBase + 10;
inline constexpr int32_t kProcessGone = kVfsBase + 11;  // only from pm: close all fds of an endpoint
inline constexpr int32_t kRequestCount = 12;

// Open flags.
inline constexpr uint32_t kOpenRead = 1u << 0;
inline constexpr uint32_t kOpenWrite = 1u << 1;
inline constexpr uint32_t kOpenCreate = 1u << 2;
inline constexpr uint32_t kOpenTruncate = 1u << 3;
inline constexpr uint32_t kOpenAppend = 1u << 4;
inline constexpr uint32_t kOpenDirectory = 1u << 5;  // fail with NotADirectory unless a directory
inline constexpr uint32_t kOpenExclusive = 1u << 6;  // with kOpenCreate: fail with AlreadyExists if present

enum class Whence : uint32_t { Set = 0, Current = 1, End = 2 };
enum class FileType : uint32_t { Regular = 1, Directory = 2, Device = 3 };

// --- requests and replies ---------------------------------------------------
struct OpenRequest {
    GrantRef path;
    uint32_t flags;
    uint32_t reserved;
};
struct OpenReply {
    int32_t fd;
};

struct ReadRequest {        // also used for Write (kWrite)
    int32_t fd;
    uint32_t reserved;
    GrantRef buffer;        // write grant for Read, read grant for Write
};
using WriteRequest = ReadRequest;
struct TransferReply {      // reply to Read and Write
    uint64_t bytes;
};

struct SeekRequest {
    int32_t fd;
    Whence whence;
    int64_t offset;
};
struct SeekReply {
    uint64_t position;
};

struct CloseRequest {
    int32_t fd;
};

struct StatRequest {
    GrantRef path;
};
struct FstatRequest {
    int32_t fd;
};
struct StatReply {          // reply to Stat and Fstat
    uint64_t size;
    FileType type;
    uint32_t entries;       // directories: number of entries
    uint64_t inode;
};

// Reads the entry at `index` of the open directory `fd` into `entry`
// (a write grant over one DirEntry). Reply: NotFound past the last entry.
struct ReadDirRequest {
    int32_t fd;
    uint32_t index;
    GrantRef entry;
};
struct DirEntry {
    char name[kMaxName + 4];  // NUL-terminated
    uint64_t size;
    FileType type;
    uint32_t reserved;
};
static_assert(sizeof(DirEntry) == 80);

struct PathRequest {        // Mkdir, Unlink
    GrantRef path;
};
using MkdirRequest = PathRequest;
using UnlinkRequest = PathRequest;

struct RenameRequest {
    GrantRef from;
    GrantRef to;
};

struct ProcessGoneRequest {
    Endpoint endpoint;
};

struct EmptyReply {};

static_assert(kIsPayload<OpenRequest> && sizeof(OpenRequest) == 24);
static_assert(kIsPayload<OpenReply> && kIsPayload<ReadRequest> && kIsPayload<TransferReply>);
static_assert(kIsPayload<SeekRequest> && kIsPayload<SeekReply> && kIsPayload<CloseRequest>);
static_assert(kIsPayload<StatRequest> && kIsPayload<FstatRequest> && kIsPayload<StatReply>);
static_assert(kIsPayload<ReadDirRequest> && kIsPayload<PathRequest> && kIsPayload<RenameRequest>);
static_assert(kIsPayload<ProcessGoneRequest> && kIsPayload<EmptyReply>);

}  // namespace protocol::vfs
