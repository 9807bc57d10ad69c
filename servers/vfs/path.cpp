// path.cpp — walks path components through FsCore directories.
//
// Entry points: resolve, resolve_parent. Both split the path into
// components with next_component() and never read past `length`.
#include "path.h"

namespace vfs {
namespace {

bool is_dot(Name name) { return name.length == 1 && name.text[0] == '.'; }
bool is_dot_dot(Name name) { return name.length == 2 && name.text[0] == '.' && name.text[1] == '.'; }

Result<void> check_path(const char* path, size_t length) {
    if (path == nullptr || length == 0 || path[0] != '/') return Error::InvalidArgument;
    if (length > kPathMax) return Error::NameTooLong;
    for (size_t i = 0; i < length; ++i) {
        if (path[i] == '\0') return Error::InvalidArgument;
    }
    return {};
}

// Finds the component starting at or after `position`; empty when none left.
Name next_component(const char* path, size_t length, size_t& position) {
    while (position < length && path[position] == '/') ++position;
    const size_t start = position;
    while (position < length && path[position] != '/') ++position;
    return Name{path + start, position - start};
}

// One step down (or up, for "..") from `directory`.
Result<InodeId> step(const FsCore& fs, InodeId directory, Name component) {
    if (!fs.is_directory(directory)) return Error::NotADirectory;
    if (is_dot(component)) return directory;
    if (is_dot_dot(component)) return fs.parent_of(directory);
    if (component.length > kNameMax) return Error::NameTooLong;
    return fs.lookup_child(directory, component);
}

}  // namespace

Result<InodeId> resolve(const FsCore& fs, const char* path, size_t length) {
    TRY(check_path(path, length));
    InodeId node = kRootInode;
    size_t position = 0;
    for (Name component = next_component(path, length, position); component.length > 0;
         component = next_component(path, length, position)) {
        node = TRY(step(fs, node, component));
    }
    return node;
}

Result<ParentAndName> resolve_parent(const FsCore& fs, const char* path, size_t length) {
    TRY(check_path(path, length));
    // Trailing slashes do not count: the last component is the last non-empty one.
    size_t end = length;
    while (end > 0 && path[end - 1] == '/') --end;
    size_t start = end;
    while (start > 0 && path[start - 1] != '/') --start;
    const Name last{path + start, end - start};
    if (last.length == 0) return Error::InvalidArgument;  // the root itself
    TRY(validate_name(last));
    const InodeId directory = TRY(resolve(fs, path, start));
    if (!fs.is_directory(directory)) return Error::NotADirectory;
    return ParentAndName{directory, last};
}

}  // namespace vfs
