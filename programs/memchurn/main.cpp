// main.cpp — /bin/memchurn: puts memory through a process so a user or a
// test can see it come back (`ps` MEM of this process, or of vfs).
//
// Entry point: main.
//   memchurn heap <rounds> <KiB>   each round mallocs <KiB>, writes every
//                                  page and frees it again; prints
//                                  "memchurn: <rounds> rounds of <KiB> KiB,
//                                  heap holds <N> KiB of large blocks" (N is
//                                  0 when every freed block went back), or,
//                                  when an allocation fails, "memchurn: round
//                                  <r>: out of memory"
//   memchurn write <path> <KiB>    creates (or truncates) <path> and writes
//                                  <KiB> of data to it in 64 KiB pieces:
//                                  "memchurn: wrote <KiB> KiB to <path>", or
//                                  the error and how far it got
//   memchurn check <path> <KiB>    reads <path> back and compares it with what
//                                  `write` puts there: "memchurn: <path> holds
//                                  <KiB> KiB as written", or where it differs
// Exit status 0 on success, 1 when an allocation or a file call failed, 2
// for bad arguments.
#include <neurath/error.h>
#include <sys/cstring.h>
#include <sys/heap.h>
#include <sys/stdio.h>
#include <sys/vfs_client.h>

#include "numbers.h"

namespace {

using neurath::error_name;

constexpr size_t kPiece = 64 * 1024;

constexpr uint64_t kMaxCount = 1'000'000'000;

// A count argument: decimal, at most a billion (KiB or rounds, so that
// multiplying by 1024 cannot overflow).
bool parse_count(const char* text, uint64_t& value) {
    const sys::Result<uint64_t> parsed = shell::parse_unsigned(text);
    if (parsed.is_error() || parsed.value() > kMaxCount) return false;
    value = parsed.value();
    return true;
}

int churn_heap(uint64_t rounds, uint64_t kib) {
    const size_t bytes = kib * 1024;
    for (uint64_t round = 0; round < rounds; ++round) {
        auto* block = static_cast<volatile uint8_t*>(malloc(bytes));
        if (block == nullptr) {
            printf("memchurn: round %llu: out of memory\n", static_cast<unsigned long long>(round));
            return 1;
        }
        for (size_t offset = 0; offset < bytes; offset += 4096) block[offset] = static_cast<uint8_t>(round);
        free(const_cast<uint8_t*>(block));
    }
    printf("memchurn: %llu rounds of %llu KiB, heap holds %llu KiB of large blocks\n",
           static_cast<unsigned long long>(rounds), static_cast<unsigned long long>(kib),
           static_cast<unsigned long long>(sys::process_heap().stats().large_bytes / 1024));
    return 0;
}

uint8_t piece[kPiece];
uint8_t readback[kPiece];

void fill_piece() {
    for (size_t i = 0; i < kPiece; ++i) piece[i] = static_cast<uint8_t>('a' + i % 26);
}

int write_file(const char* path, uint64_t kib) {
    fill_piece();
    const uint32_t flags = protocol::vfs::kOpenWrite | protocol::vfs::kOpenCreate | protocol::vfs::kOpenTruncate;
    const sys::Result<int> fd = sys::vfs::open(path, flags);
    if (fd.is_error()) {
        printf("memchurn: open %s: %s\n", path, error_name(fd.error()));
        return 1;
    }
    uint64_t written = 0;
    while (written < kib * 1024) {
        const size_t length = kib * 1024 - written < kPiece ? kib * 1024 - written : kPiece;
        const sys::Result<size_t> result = sys::vfs::write(fd.value(), piece, length);
        if (result.is_error()) {
            printf("memchurn: write %s after %llu KiB: %s\n", path, static_cast<unsigned long long>(written / 1024),
                   error_name(result.error()));
            (void)sys::vfs::close(fd.value());
            return 1;
        }
        written += result.value();
    }
    const sys::Result<void> closed = sys::vfs::close(fd.value());
    if (closed.is_error()) {
        printf("memchurn: close %s: %s\n", path, error_name(closed.error()));
        return 1;
    }
    printf("memchurn: wrote %llu KiB to %s\n", static_cast<unsigned long long>(kib), path);
    return 0;
}

// Reads the file to its end; every 64 KiB piece must match, and the size must be <KiB>.
int check_file(const char* path, uint64_t kib) {
    fill_piece();
    const sys::Result<int> fd = sys::vfs::open(path, protocol::vfs::kOpenRead);
    if (fd.is_error()) {
        printf("memchurn: open %s: %s\n", path, error_name(fd.error()));
        return 1;
    }
    uint64_t seen = 0;
    for (;;) {
        const sys::Result<size_t> got = sys::vfs::read(fd.value(), readback, kPiece);
        if (got.is_error() || got.value() == 0 || sys::str::memcmp(readback, piece, got.value()) != 0) {
            (void)sys::vfs::close(fd.value());
            if (got.is_error()) printf("memchurn: read %s: %s\n", path, error_name(got.error()));
            else if (got.value() != 0) printf("memchurn: %s differs after %llu KiB\n", path,
                                             static_cast<unsigned long long>(seen / 1024));
            else if (seen == kib * 1024) break;
            else printf("memchurn: %s holds %llu bytes, not %llu KiB\n", path,
                        static_cast<unsigned long long>(seen), static_cast<unsigned long long>(kib));
            return 1;
        }
        seen += got.value();
    }
    printf("memchurn: %s holds %llu KiB as written\n", path, static_cast<unsigned long long>(kib));
    return 0;
}

int usage() {
    printf("usage: memchurn heap <rounds> <KiB> | memchurn write|check <path> <KiB>\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) return usage();
    uint64_t kib = 0;
    if (!parse_count(argv[3], kib) || kib == 0) return usage();
    if (sys::str::strcmp(argv[1], "heap") == 0) {
        uint64_t rounds = 0;
        if (!parse_count(argv[2], rounds)) return usage();
        return churn_heap(rounds, kib);
    }
    if (sys::str::strcmp(argv[1], "write") == 0) return write_file(argv[2], kib);
    if (sys::str::strcmp(argv[1], "check") == 0) return check_file(argv[2], kib);
    return usage();
}
