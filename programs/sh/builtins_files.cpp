// builtins_files.cpp — shell builtins for files and directories: echo, cat,
// ls, mkdir, rm, mv. All file access goes through the vfs client stubs.
//
// Entry points: builtin_echo, builtin_cat, builtin_ls, builtin_mkdir,
// builtin_rm, builtin_mv. A failure on one argument is reported and the
// others are still processed; the status is 1 if any failed. Relative paths
// are taken from / (paths.h).
#include <protocol/vfs.h>
#include <sys/cstring.h>
#include <sys/format.h>
#include <sys/vfs_client.h>

#include "builtins.h"
#include "paths.h"

namespace shell {
namespace {

namespace pv = protocol::vfs;
using neurath::error_name;

constexpr size_t kCatChunk = 1024;

int cat_one(const char* path, Output& out) {
    const sys::Result<int> fd = sys::vfs::open(AbsolutePath(path).c_str(), pv::kOpenRead);
    if (fd.is_error()) {
        report_error("cat", "%s: %s", path, error_name(fd.error()));
        return 1;
    }
    char chunk[kCatChunk];
    int status = 0;
    for (;;) {
        const sys::Result<size_t> got = sys::vfs::read(fd.value(), chunk, sizeof chunk);
        if (got.is_error()) {
            report_error("cat", "%s: %s", path, error_name(got.error()));
            status = 1;
            break;
        }
        if (got.value() == 0) break;
        out.write(chunk, got.value());
    }
    (void)sys::vfs::close(fd.value());
    return status;
}

int list_directory(const char* path, Output& out) {
    const sys::Result<int> dir = sys::vfs::open(AbsolutePath(path).c_str(), pv::kOpenRead | pv::kOpenDirectory);
    if (dir.is_error()) {
        report_error("ls", "%s: %s", path, error_name(dir.error()));
        return 1;
    }
    for (uint32_t index = 0;; ++index) {
        const sys::Result<sys::vfs::DirEntry> entry = sys::vfs::readdir(dir.value(), index);
        if (entry.is_error()) break;  // NotFound: past the last entry
        const bool is_directory = entry.value().type == pv::FileType::Directory;
        out.print("%s%s\n", entry.value().name, is_directory ? "/" : "");
    }
    (void)sys::vfs::close(dir.value());
    return 0;
}

int list_one(const char* path, bool with_heading, Output& out) {
    const sys::Result<sys::vfs::StatReply> info = sys::vfs::stat(AbsolutePath(path).c_str());
    if (info.is_error()) {
        report_error("ls", "%s: %s", path, error_name(info.error()));
        return 1;
    }
    if (info.value().type != pv::FileType::Directory) {
        out.print("%s\n", path);
        return 0;
    }
    if (with_heading) out.print("%s:\n", path);
    return list_directory(path, out);
}

// The last component of a path ("/a/b/" -> "b").
void base_name(const char* path, char* out, size_t capacity) {
    size_t end = sys::str::strlen(path);
    while (end > 1 && path[end - 1] == '/') --end;
    size_t start = end;
    while (start > 0 && path[start - 1] != '/') --start;
    const size_t length = sys::min(end - start, capacity - 1);
    sys::str::memcpy(out, path + start, length);
    out[length] = '\0';
}

}  // namespace

int builtin_echo(const CommandLine& command, Output& out) {
    for (size_t i = 1; i < command.argc; ++i) {
        if (i > 1) out.write(" ", 1);
        out.write(command.argv[i], sys::str::strlen(command.argv[i]));
    }
    out.write("\n", 1);
    return 0;
}

int builtin_cat(const CommandLine& command, Output& out) {
    if (command.argc < 2) return usage_error(command);
    int status = 0;
    for (size_t i = 1; i < command.argc; ++i) status |= cat_one(command.argv[i], out);
    return status;
}

int builtin_ls(const CommandLine& command, Output& out) {
    if (command.argc < 2) return list_one("/", false, out);
    int status = 0;
    for (size_t i = 1; i < command.argc; ++i) status |= list_one(command.argv[i], command.argc > 2, out);
    return status;
}

int builtin_mkdir(const CommandLine& command, Output& out) {
    if (command.argc < 2) return usage_error(command);
    int status = 0;
    for (size_t i = 1; i < command.argc; ++i) {
        const sys::Result<void> made = sys::vfs::mkdir(AbsolutePath(command.argv[i]).c_str());
        if (made.ok()) continue;
        report_error("mkdir", "%s: %s", command.argv[i], error_name(made.error()));
        status = 1;
    }
    return status;
}

int builtin_rm(const CommandLine& command, Output& out) {
    if (command.argc < 2) return usage_error(command);
    int status = 0;
    for (size_t i = 1; i < command.argc; ++i) {
        const sys::Result<void> removed = sys::vfs::unlink(AbsolutePath(command.argv[i]).c_str());
        if (removed.ok()) continue;
        report_error("rm", "%s: %s", command.argv[i], error_name(removed.error()));
        status = 1;
    }
    return status;
}

int builtin_mv(const CommandLine& command, Output& out) {
    if (command.argc != 3) return usage_error(command);
    const AbsolutePath from_path(command.argv[1]);
    const AbsolutePath to_path(command.argv[2]);
    const char* from = from_path.c_str();
    const char* to = to_path.c_str();
    char target[kMaxLine + 1];
    const sys::Result<sys::vfs::StatReply> info = sys::vfs::stat(to);
    if (info.ok() && info.value().type == pv::FileType::Directory) {
        char name[kMaxLine + 1];
        base_name(from, name, sizeof name);
        const size_t length = sys::str::strlen(to);
        const bool has_slash = length > 0 && to[length - 1] == '/';
        if (sys::format(target, sizeof target, "%s%s%s", to, has_slash ? "" : "/", name) >= static_cast<int>(sizeof target)) {
            report_error("mv", "%s: %s", to, error_name(neurath::Error::NameTooLong));
            return 1;
        }
        to = target;
    }
    const sys::Result<void> moved = sys::vfs::rename(from, to);
    if (moved.ok()) return 0;
    report_error("mv", "%s -> %s: %s", from, to, error_name(moved.error()));
    return 1;
}

}  // namespace shell
