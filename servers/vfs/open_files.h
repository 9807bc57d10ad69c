// open_files.h — per-process open-file tables, keyed by the client's endpoint.
//
// Bounded on both axes: at most kMaxClients processes with open files and
// kMaxFilesPerClient descriptors each (TooManyOpenFiles beyond). A client's
// table is released when its last descriptor closes, so processes that hold
// no files take no slot. Descriptors are small integers, lowest free first.
//
// Entry points: OpenFileTable::install, lookup, remove, remove_all.
// Live-update state: the whole table (owners, inodes, modes, offsets).
#pragma once

#include <neurath/endpoint.h>

#include "fs_core.h"

namespace vfs {

using neurath::Endpoint;

inline constexpr uint32_t kMaxClients = 32;
inline constexpr uint32_t kMaxFilesPerClient = 16;

// Access modes of an open file (the open flags that outlive open()).
inline constexpr uint32_t kModeRead = 1;
inline constexpr uint32_t kModeWrite = 2;
inline constexpr uint32_t kModeAppend = 4;

struct OpenFile {
    bool in_use;
    InodeId inode;
    uint32_t mode;
    uint64_t offset;
};

struct ClientFiles {
    Endpoint owner;          // kNone when the slot is free
    uint32_t open_count;
    OpenFile files[kMaxFilesPerClient];
};

class OpenFileTable {
public:
    OpenFileTable();

    Result<int32_t> install(Endpoint client, InodeId inode, uint32_t mode);
    Result<OpenFile*> lookup(Endpoint client, int32_t descriptor);
    // Frees the descriptor; returns the inode it referred to.
    Result<InodeId> remove(Endpoint client, int32_t descriptor);
    // Frees every descriptor of `client`, writing their inodes to `closed`
    // (capacity kMaxFilesPerClient); returns how many there were.
    uint32_t remove_all(Endpoint client, InodeId* closed);

    uint32_t clients_in_use() const;
    uint32_t open_count(Endpoint client) const;

private:
    ClientFiles* find(Endpoint client);
    const ClientFiles* find(Endpoint client) const;
    ClientFiles* find_or_claim(Endpoint client);

    ClientFiles clients_[kMaxClients];
};

}  // namespace vfs
