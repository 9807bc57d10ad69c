// fs_core.h — the in-memory file system: a bounded inode table holding a
// directory tree and growable file contents.
//
// This is the state a live update of vfs must carry over: the inode table
// (tree links, names, sizes) and the heap buffers holding file contents.
// Pure (no kernel calls): tested on the host; paths are resolved on top of it
// by path.h, descriptors by open_files.h.
//
// Entry points: FsCore::lookup_child, create, remove, rename, read, view, write,
// truncate, stat, entry_at, retain/release (open references), is_consistent,
// rebuild_directories.
//
// Invariants:
//  * inode 0 is the root directory; it is never removed or renamed;
//  * a linked inode appears exactly once in its parent's child list, which
//    is sorted by name; names are unique within a directory;
//  * a removed file that is still open stays allocated (unlinked) until its
//    last open reference is released;
//  * size <= capacity <= kMaxFileSize and the sum of capacities <= kCapacityBytes.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <sys/result.h>

namespace vfs {

using sys::Result;
using neurath::Error;

using InodeId = uint32_t;
inline constexpr InodeId kRootInode = 0;
inline constexpr InodeId kNoInode = 0xffffffffu;

inline constexpr uint32_t kMaxInodes = 512;
inline constexpr size_t kNameMax = 60;                      // bytes in one name, without NUL
inline constexpr uint64_t kMaxFileSize = 8ull << 20;        // 8 MiB per file
inline constexpr uint64_t kCapacityBytes = 64ull << 20;     // 64 MiB of file data in all

enum class NodeKind : uint8_t { Free, File, Directory };

// A name that need not be NUL-terminated (a path component).
struct Name {
    const char* text;
    size_t length;
};
Name name_of(const char* text);  // from a NUL-terminated string

// Empty, ".", "..", or containing '/' or NUL: InvalidArgument; too long: NameTooLong.
Result<void> validate_name(Name name);

struct Inode {
    NodeKind kind;
    bool linked;             // reachable from the root
    uint32_t open_count;     // open descriptors referring to it
    InodeId parent;
    InodeId first_child;     // directories: head of the sorted child list
    InodeId next_sibling;
    uint32_t child_count;
    char name[kNameMax + 1];
    uint8_t* data;           // files: heap buffer of `capacity` bytes
    uint64_t size;
    uint64_t capacity;
};

struct NodeStat {
    InodeId inode;
    NodeKind kind;
    uint64_t size;           // files: bytes; directories: number of entries
};

// Contents of a file in place (valid until the file is next changed).
struct ConstBytes {
    const uint8_t* data;
    uint64_t length;
};

struct DirEntry {
    bool end;                // true: no entry at this index
    NodeKind kind;
    uint64_t size;
    char name[kNameMax + 1];
};

class FsCore {
public:
    FsCore();
    ~FsCore();
    FsCore(const FsCore&) = delete;
    FsCore& operator=(const FsCore&) = delete;

    Result<InodeId> lookup_child(InodeId directory, Name name) const;
    Result<InodeId> create(InodeId directory, Name name, NodeKind kind);
    // Removes a file, or an empty directory (NotEmpty otherwise).
    Result<void> remove(InodeId directory, Name name);
    // Moves/renames; replaces an existing destination file or empty directory
    // of the same kind; refuses to move a directory into its own subtree.
    Result<void> rename(InodeId from_directory, Name from, InodeId to_directory, Name to);

    Result<uint64_t> read(InodeId file, uint64_t offset, void* out, uint64_t length) const;
    // Up to `length` bytes at `offset`, without copying (empty past the end).
    Result<ConstBytes> view(InodeId file, uint64_t offset, uint64_t length) const;
    // Writing past the end zero-fills the gap.
    Result<uint64_t> write(InodeId file, uint64_t offset, const void* in, uint64_t length);
    Result<void> truncate(InodeId file, uint64_t size);

    Result<NodeStat> stat(InodeId node) const;
    Result<DirEntry> entry_at(InodeId directory, uint32_t index) const;
    bool is_directory(InodeId node) const;
    // The directory holding `node`; the root is its own parent.
    InodeId parent_of(InodeId node) const { return valid(node) ? inodes_[node].parent : kNoInode; }

    // Open references: a removed file is freed when the last one goes.
    void retain(InodeId node);
    void release(InodeId node);

    uint32_t inodes_in_use() const;
    uint64_t bytes_reserved() const { return bytes_reserved_; }
    // Walks the whole table and checks every invariant listed above.
    bool is_consistent() const;
    // Rebuilds every directory's child list and count from the parent links
    // of the linked inodes, which are the tree itself (the lists only order
    // it). Used after a live update, so that state from a version that keeps
    // its directories differently (vfs.next's hash table) is taken back.
    // NotFound if a linked inode names a parent that is no directory.
    Result<void> rebuild_directories();

private:
    Result<InodeId> allocate_inode(NodeKind kind, Name name);
    void free_inode(InodeId node);
    void link(InodeId directory, InodeId child);
    void unlink(InodeId child);
    Result<void> reserve(Inode& file, uint64_t needed);
    bool is_in_subtree(InodeId node, InodeId ancestor) const;
    Result<void> check_file(InodeId node) const;
    Result<void> check_directory(InodeId node) const;
    Result<void> check_replaceable(InodeId moving, InodeId existing) const;
    bool valid(InodeId node) const { return node < kMaxInodes && inodes_[node].kind != NodeKind::Free; }

    Inode inodes_[kMaxInodes];
    uint64_t bytes_reserved_ = 0;
};

}  // namespace vfs
