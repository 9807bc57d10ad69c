// vfs_rounds.cpp — hammer vfs: hammer's own files ("/hammer.<pid>.<n>")
// are created, written with bytes that depend on the round, read back and
// compared, stat'ed (the size must match), and every other round unlinked
// and checked gone. Every vfs call is one request.
//
// Entry point: hammer_vfs.
#include <protocol/vfs.h>
#include <sys/cstring.h>
#include <sys/format.h>
#include <sys/vfs_client.h>

#include "rounds.h"

namespace hammer {
namespace {

namespace pv = protocol::vfs;
namespace str = sys::str;
using neurath::Error;
using neurath::error_name;

constexpr uint32_t kFiles = 2;
constexpr size_t kMaxData = 640;

struct VfsRun {
    load::Tally& tally;
    char paths[kFiles][32] = {};
    bool exists[kFiles] = {};
};

uint8_t byte_for(uint64_t round, size_t offset) { return static_cast<uint8_t>(round * 131 + offset * 7 + 1); }
size_t length_for(uint64_t round) { return 1 + (round * 37) % kMaxData; }

sys::Result<int> open_checked(VfsRun& run, const char* path, uint32_t flags) {
    const sys::Result<int> fd = run.tally.timed([&] { return sys::vfs::open(path, flags); });
    if (fd.is_error()) run.tally.fail("open %s: %s", path, error_name(fd.error()));
    return fd;
}

void close_checked(VfsRun& run, const char* path, int fd) {
    const sys::Result<void> closed = run.tally.timed([&] { return sys::vfs::close(fd); });
    if (closed.is_error()) run.tally.fail("close %s: %s", path, error_name(closed.error()));
}

void write_file(VfsRun& run, uint32_t file, uint64_t round) {
    const char* path = run.paths[file];
    const sys::Result<int> fd = open_checked(run, path, pv::kOpenWrite | pv::kOpenCreate | pv::kOpenTruncate);
    if (fd.is_error()) return;
    run.exists[file] = true;
    uint8_t data[kMaxData];
    const size_t length = length_for(round);
    for (size_t i = 0; i < length; ++i) data[i] = byte_for(round, i);
    const sys::Result<size_t> written = run.tally.timed([&] { return sys::vfs::write(fd.value(), data, length); });
    if (written.is_error()) run.tally.fail("write %s: %s", path, error_name(written.error()));
    else if (written.value() != length) run.tally.fail("write %s: %zu of %zu bytes", path, written.value(), length);
    close_checked(run, path, fd.value());
}

// The first byte that differs from what round `round` wrote, or `length`.
size_t first_difference(const uint8_t* data, size_t length, uint64_t round) {
    size_t i = 0;
    while (i < length && data[i] == byte_for(round, i)) ++i;
    return i;
}

void read_back(VfsRun& run, uint32_t file, uint64_t round) {
    const char* path = run.paths[file];
    const sys::Result<int> fd = open_checked(run, path, pv::kOpenRead);
    if (fd.is_error()) return;
    uint8_t data[kMaxData + 1];
    const size_t length = length_for(round);
    const sys::Result<size_t> got = run.tally.timed([&] { return sys::vfs::read(fd.value(), data, sizeof data); });
    if (got.is_error()) run.tally.fail("read %s: %s", path, error_name(got.error()));
    else if (got.value() != length) run.tally.fail("read %s: %zu bytes, expected %zu", path, got.value(), length);
    else if (const size_t at = first_difference(data, length, round); at != length)
        run.tally.fail("read %s: byte %zu differs from what was written", path, at);
    close_checked(run, path, fd.value());
}

void stat_checked(VfsRun& run, uint32_t file, uint64_t round) {
    const char* path = run.paths[file];
    const sys::Result<sys::vfs::StatReply> st = run.tally.timed([&] { return sys::vfs::stat(path); });
    if (!run.exists[file]) {
        if (st.ok() || st.error() != Error::NotFound)
            run.tally.fail("stat %s: %s, expected not found", path, st.ok() ? "exists" : error_name(st.error()));
        return;
    }
    if (st.is_error()) return run.tally.fail("stat %s: %s", path, error_name(st.error()));
    if (st.value().size != length_for(round))
        run.tally.fail("stat %s: size %llu, expected %zu", path, static_cast<unsigned long long>(st.value().size),
                       length_for(round));
}

void unlink_checked(VfsRun& run, uint32_t file) {
    const sys::Result<void> done = run.tally.timed([&] { return sys::vfs::unlink(run.paths[file]); });
    if (done.is_error()) return run.tally.fail("unlink %s: %s", run.paths[file], error_name(done.error()));
    run.exists[file] = false;
}

void run_round(VfsRun& run, uint64_t round) {
    const uint32_t file = static_cast<uint32_t>(round % kFiles);
    write_file(run, file, round);
    read_back(run, file, round);
    stat_checked(run, file, round);
    if (round % 4 < 2) return;
    unlink_checked(run, file);
    stat_checked(run, file, round);
}

}  // namespace

void hammer_vfs(load::Tally& tally, uint64_t count, const Self& self) {
    VfsRun run{tally};
    for (uint32_t file = 0; file < kFiles; ++file)
        sys::format(run.paths[file], sizeof run.paths[file], "/hammer.%llu.%u",
                    static_cast<unsigned long long>(self.pid), file);
    for (uint64_t round = 0; tally.requests() < count; ++round) run_round(run, round);
    for (uint32_t file = 0; file < kFiles; ++file) {
        if (run.exists[file]) unlink_checked(run, file);
    }
}

}  // namespace hammer
