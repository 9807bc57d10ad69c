// fs_core.cpp — inode table, directory lists and file contents of the
// in-memory file system (see fs_core.h for the invariants).
//
// Entry points: the FsCore methods. Directories keep their children in a
// singly linked list sorted by name, so listings are stable and readable.
// File buffers grow by doubling (at least 256 bytes) up to kMaxFileSize and
// count against the kCapacityBytes budget.
#include "fs_core.h"

#include <sys/cstring.h>
#include <sys/heap.h>
#include <sys/utility.h>

namespace vfs {
namespace {

// Compares a Name with a NUL-terminated stored name, like strcmp.
int compare(Name name, const char* stored) {
    const size_t stored_length = sys::str::strlen(stored);
    const size_t common = sys::min(name.length, stored_length);
    const int order = sys::str::memcmp(name.text, stored, common);
    if (order != 0) return order;
    if (name.length == stored_length) return 0;
    return name.length < stored_length ? -1 : 1;
}

Inode empty_inode() {
    Inode inode{};
    inode.kind = NodeKind::Free;
    inode.parent = kNoInode;
    inode.first_child = kNoInode;
    inode.next_sibling = kNoInode;
    return inode;
}

}  // namespace

Name name_of(const char* text) { return Name{text, sys::str::strlen(text)}; }

Result<void> validate_name(Name name) {
    if (name.length == 0) return Error::InvalidArgument;
    if (name.length > kNameMax) return Error::NameTooLong;
    if (name.length == 1 && name.text[0] == '.') return Error::InvalidArgument;
    if (name.length == 2 && name.text[0] == '.' && name.text[1] == '.') return Error::InvalidArgument;
    for (size_t i = 0; i < name.length; ++i) {
        if (name.text[i] == '/' || name.text[i] == '\0') return Error::InvalidArgument;
    }
    return {};
}

FsCore::FsCore() {
    for (Inode& inode : inodes_) inode = empty_inode();
    Inode& root = inodes_[kRootInode];
    root.kind = NodeKind::Directory;
    root.linked = true;
    root.parent = kRootInode;
}

FsCore::~FsCore() {
    for (Inode& inode : inodes_) free(inode.data);
}

Result<InodeId> FsCore::lookup_child(InodeId directory, Name name) const {
    TRY(check_directory(directory));
    for (InodeId child = inodes_[directory].first_child; child != kNoInode;
         child = inodes_[child].next_sibling) {
        const int order = compare(name, inodes_[child].name);
        if (order == 0) return child;
        if (order < 0) break;  // sorted: it would have come before
    }
    return Error::NotFound;
}

Result<InodeId> FsCore::create(InodeId directory, Name name, NodeKind kind) {
    TRY(check_directory(directory));
    TRY(validate_name(name));
    if (kind == NodeKind::Free) return Error::InvalidArgument;
    if (lookup_child(directory, name).ok()) return Error::AlreadyExists;
    const InodeId node = TRY(allocate_inode(kind, name));
    link(directory, node);
    return node;
}

Result<void> FsCore::remove(InodeId directory, Name name) {
    const InodeId node = TRY(lookup_child(directory, name));
    if (inodes_[node].kind == NodeKind::Directory && inodes_[node].child_count > 0) {
        return Error::NotEmpty;
    }
    unlink(node);
    if (inodes_[node].open_count == 0) free_inode(node);
    return {};
}

Result<void> FsCore::rename(InodeId from_directory, Name from, InodeId to_directory, Name to) {
    const InodeId moving = TRY(lookup_child(from_directory, from));
    TRY(check_directory(to_directory));
    TRY(validate_name(to));
    if (inodes_[moving].kind == NodeKind::Directory && is_in_subtree(to_directory, moving)) {
        return Error::InvalidArgument;  // would detach the subtree from the root
    }
    const Result<InodeId> existing = lookup_child(to_directory, to);
    if (existing.ok()) {
        if (existing.value() == moving) return {};
        TRY(check_replaceable(moving, existing.value()));
        TRY(remove(to_directory, to));
    }
    unlink(moving);
    Inode& node = inodes_[moving];
    sys::str::memcpy(node.name, to.text, to.length);
    node.name[to.length] = '\0';
    link(to_directory, moving);
    return {};
}

Result<void> FsCore::check_replaceable(InodeId moving, InodeId existing) const {
    const Inode& target = inodes_[existing];
    if (inodes_[moving].kind == NodeKind::File && target.kind == NodeKind::Directory) {
        return Error::IsADirectory;
    }
    if (inodes_[moving].kind == NodeKind::Directory && target.kind == NodeKind::File) {
        return Error::NotADirectory;
    }
    if (target.kind == NodeKind::Directory && target.child_count > 0) return Error::NotEmpty;
    return {};
}

Result<uint64_t> FsCore::read(InodeId file, uint64_t offset, void* out, uint64_t length) const {
    const ConstBytes bytes = TRY(view(file, offset, length));
    if (bytes.length > 0) sys::str::memcpy(out, bytes.data, bytes.length);
    return bytes.length;
}

Result<ConstBytes> FsCore::view(InodeId file, uint64_t offset, uint64_t length) const {
    TRY(check_file(file));
    const Inode& inode = inodes_[file];
    if (offset >= inode.size) return ConstBytes{nullptr, 0};
    return ConstBytes{inode.data + offset, sys::min(length, inode.size - offset)};
}

Result<uint64_t> FsCore::write(InodeId file, uint64_t offset, const void* in, uint64_t length) {
    TRY(check_file(file));
    if (offset > kMaxFileSize || length > kMaxFileSize - offset) return Error::TooBig;
    Inode& inode = inodes_[file];
    const uint64_t end = offset + length;
    TRY(reserve(inode, end));
    if (offset > inode.size) sys::str::memset(inode.data + inode.size, 0, offset - inode.size);
    if (length > 0) sys::str::memcpy(inode.data + offset, in, length);
    inode.size = sys::max(inode.size, end);
    return length;
}

Result<void> FsCore::truncate(InodeId file, uint64_t size) {
    TRY(check_file(file));
    if (size > kMaxFileSize) return Error::TooBig;
    Inode& inode = inodes_[file];
    if (size > inode.size) {
        TRY(reserve(inode, size));
        sys::str::memset(inode.data + inode.size, 0, size - inode.size);
    }
    inode.size = size;
    return {};
}

// Files' contents are data, whatever their bytes look like: live update
// copies them without scanning them for addresses (LU_SITE_DATA).
[[clang::annotate("neurath.data_allocation")]] Result<void> FsCore::reserve(Inode& file, uint64_t needed) {
    if (needed <= file.capacity) return {};
    uint64_t capacity = sys::max<uint64_t>(file.capacity * 2, 256);
    capacity = sys::min(sys::max(capacity, needed), kMaxFileSize);
    const uint64_t growth = capacity - file.capacity;
    if (bytes_reserved_ + growth > kCapacityBytes) return Error::NoSpace;
    auto* data = static_cast<uint8_t*>(realloc(file.data, capacity));
    if (data == nullptr) return Error::NoMemory;
    file.data = data;
    file.capacity = capacity;
    bytes_reserved_ += growth;
    return {};
}

Result<NodeStat> FsCore::stat(InodeId node) const {
    if (!valid(node)) return Error::NotFound;
    const Inode& inode = inodes_[node];
    const uint64_t size = inode.kind == NodeKind::Directory ? inode.child_count : inode.size;
    return NodeStat{node, inode.kind, size};
}

Result<DirEntry> FsCore::entry_at(InodeId directory, uint32_t index) const {
    TRY(check_directory(directory));
    InodeId child = inodes_[directory].first_child;
    for (uint32_t i = 0; i < index && child != kNoInode; ++i) child = inodes_[child].next_sibling;
    DirEntry entry{};
    if (child == kNoInode) {
        entry.end = true;
        return entry;
    }
    const NodeStat info = TRY(stat(child));
    entry.kind = info.kind;
    entry.size = info.size;
    sys::str::strlcpy(entry.name, inodes_[child].name, sizeof entry.name);
    return entry;
}

bool FsCore::is_directory(InodeId node) const {
    return valid(node) && inodes_[node].kind == NodeKind::Directory;
}

void FsCore::retain(InodeId node) {
    if (valid(node)) ++inodes_[node].open_count;
}

void FsCore::release(InodeId node) {
    if (!valid(node) || inodes_[node].open_count == 0) return;
    Inode& inode = inodes_[node];
    --inode.open_count;
    if (inode.open_count == 0 && !inode.linked) free_inode(node);
}

uint32_t FsCore::inodes_in_use() const {
    uint32_t count = 0;
    for (const Inode& inode : inodes_) count += inode.kind != NodeKind::Free ? 1 : 0;
    return count;
}

Result<InodeId> FsCore::allocate_inode(NodeKind kind, Name name) {
    for (InodeId node = 1; node < kMaxInodes; ++node) {
        Inode& inode = inodes_[node];
        if (inode.kind != NodeKind::Free) continue;
        inode = empty_inode();
        inode.kind = kind;
        sys::str::memcpy(inode.name, name.text, name.length);
        inode.name[name.length] = '\0';
        return node;
    }
    return Error::NoSpace;
}

void FsCore::free_inode(InodeId node) {
    Inode& inode = inodes_[node];
    free(inode.data);
    bytes_reserved_ -= inode.capacity;
    inode = empty_inode();
}

void FsCore::link(InodeId directory, InodeId child) {
    Inode& parent = inodes_[directory];
    InodeId* slot = &parent.first_child;
    while (*slot != kNoInode && sys::str::strcmp(inodes_[*slot].name, inodes_[child].name) < 0) {
        slot = &inodes_[*slot].next_sibling;
    }
    inodes_[child].next_sibling = *slot;
    *slot = child;
    inodes_[child].parent = directory;
    inodes_[child].linked = true;
    ++parent.child_count;
}

void FsCore::unlink(InodeId child) {
    Inode& parent = inodes_[inodes_[child].parent];
    InodeId* slot = &parent.first_child;
    while (*slot != child) slot = &inodes_[*slot].next_sibling;
    *slot = inodes_[child].next_sibling;
    --parent.child_count;
    inodes_[child].next_sibling = kNoInode;
    inodes_[child].parent = kNoInode;
    inodes_[child].linked = false;
}

// True when `node` is `ancestor` or lies below it.
bool FsCore::is_in_subtree(InodeId node, InodeId ancestor) const {
    for (uint32_t depth = 0; depth < kMaxInodes; ++depth) {
        if (node == ancestor) return true;
        if (node == kRootInode || node == kNoInode) return false;
        node = inodes_[node].parent;
    }
    return false;
}

Result<void> FsCore::check_file(InodeId node) const {
    if (!valid(node)) return Error::BadFileDescriptor;
    if (inodes_[node].kind == NodeKind::Directory) return Error::IsADirectory;
    return {};
}

Result<void> FsCore::check_directory(InodeId node) const {
    if (!valid(node)) return Error::NotFound;
    if (inodes_[node].kind != NodeKind::Directory) return Error::NotADirectory;
    return {};
}

Result<void> FsCore::rebuild_directories() {
    for (Inode& inode : inodes_) {
        inode.first_child = kNoInode;
        inode.next_sibling = kNoInode;
        inode.child_count = 0;
    }
    for (InodeId node = 0; node < kMaxInodes; ++node) {
        const Inode& inode = inodes_[node];
        if (node == kRootInode || inode.kind == NodeKind::Free || !inode.linked) continue;
        if (!is_directory(inode.parent)) return Error::NotFound;
        link(inode.parent, node);
    }
    return {};
}

bool FsCore::is_consistent() const {
    uint64_t reserved = 0;
    uint32_t reachable = 0;
    for (InodeId node = 0; node < kMaxInodes; ++node) {
        const Inode& inode = inodes_[node];
        if (inode.kind == NodeKind::Free) continue;
        reserved += inode.capacity;
        if (inode.size > inode.capacity || inode.capacity > kMaxFileSize) return false;
        if (!inode.linked) {
            if (inode.open_count == 0 || inode.kind != NodeKind::File) return false;
            continue;
        }
        ++reachable;
        if (node != kRootInode && !is_in_subtree(node, kRootInode)) return false;
        if (inode.kind != NodeKind::Directory) continue;
        uint32_t children = 0;
        const char* previous = nullptr;
        for (InodeId child = inode.first_child; child != kNoInode; child = inodes_[child].next_sibling) {
            if (!valid(child) || inodes_[child].parent != node || ++children > kMaxInodes) return false;
            if (previous != nullptr && sys::str::strcmp(previous, inodes_[child].name) >= 0) return false;
            previous = inodes_[child].name;
        }
        if (children != inode.child_count) return false;
    }
    return reserved == bytes_reserved_ && reachable > 0;
}

}  // namespace vfs
