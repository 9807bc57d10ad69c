// bootimage_loader.cpp — ustar decoding and tree population (see
// bootimage_loader.h).
//
// Entry point: load_ustar. Header layout (POSIX ustar): name[100] at 0,
// size[12] octal at 124, chksum[8] at 148, typeflag at 156, magic "ustar" at
// 257, prefix[155] at 345; data follows in 512-byte blocks; two zero blocks
// (or the end of the module) end the archive.
#include "bootimage_loader.h"

#include <sys/cstring.h>

namespace vfs {
namespace {

constexpr uint64_t kBlock = 512;
constexpr uint64_t kCopyChunk = 4096;

struct Header {
    char path[kPathMax + 1];
    size_t path_length;
    uint64_t size;
    char type;
    bool truncated;  // the name did not fit in kPathMax
};

Result<uint64_t> parse_octal(const uint8_t* field, size_t width) {
    uint64_t value = 0;
    size_t i = 0;
    while (i < width && field[i] == ' ') ++i;
    for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) {
        if (value >> 60) return Error::BadMessage;
        value = value * 8 + (field[i] - '0');
    }
    if (i < width && field[i] != ' ' && field[i] != '\0') return Error::BadMessage;
    return value;
}

bool is_zero_block(const uint8_t* block) {
    for (uint64_t i = 0; i < kBlock; ++i) {
        if (block[i] != 0) return false;
    }
    return true;
}

Result<void> verify_checksum(const uint8_t* block) {
    const uint64_t stored = TRY(parse_octal(block + 148, 8));
    uint64_t sum = 0;
    for (uint64_t i = 0; i < kBlock; ++i) sum += (i >= 148 && i < 156) ? ' ' : block[i];
    return sum == stored ? Result<void>{} : Result<void>{Error::BadMessage};
}

void append(Header& header, const uint8_t* text, size_t width) {
    const size_t length = sys::str::strnlen(reinterpret_cast<const char*>(text), width);
    for (size_t i = 0; i < length; ++i) {
        if (header.path_length == kPathMax) {
            header.truncated = true;
            return;
        }
        header.path[header.path_length++] = static_cast<char>(text[i]);
    }
}

// Builds "/prefix/name" without a leading "./".
Result<Header> decode_header(const uint8_t* block) {
    TRY(verify_checksum(block));
    if (sys::str::memcmp(block + 257, "ustar", 5) != 0) return Error::BadMessage;
    Header header{};
    header.path[header.path_length++] = '/';
    if (block[345] != '\0') {
        append(header, block + 345, 155);
        if (header.path_length < kPathMax) header.path[header.path_length++] = '/';
    }
    const uint8_t* name = block;
    if (name[0] == '.' && name[1] == '/') name += 2;
    append(header, name, static_cast<size_t>(block + 100 - name));
    header.path[header.path_length] = '\0';
    header.size = TRY(parse_octal(block + 124, 12));
    header.type = static_cast<char>(block[156]);
    return header;
}

// mkdir -p for every directory above (and, for directories, including) the path.
Result<void> make_parents(FileSystem& fs, const Header& header, bool include_last) {
    for (size_t i = 1; i <= header.path_length; ++i) {
        const bool at_separator = i < header.path_length && header.path[i] == '/';
        const bool at_end = i == header.path_length && include_last;
        if (!at_separator && !at_end) continue;
        const Result<void> made = fs.make_directory(Path{header.path, i});
        if (made.is_error() && made.error() != Error::AlreadyExists) return made.error();
    }
    return {};
}

struct Cursor {
    ArchiveReader reader;
    void* context;
    uint64_t archive_length;
    uint64_t offset;
};

Result<void> read_exact(Cursor& cursor, uint64_t offset, void* buffer, uint64_t length) {
    if (offset > cursor.archive_length || length > cursor.archive_length - offset) return Error::BadMessage;
    const uint64_t got = TRY(cursor.reader(cursor.context, offset, buffer, length));
    return got == length ? Result<void>{} : Result<void>{Error::BadMessage};
}

Result<void> copy_file(FileSystem& fs, Cursor& cursor, const Header& header) {
    const ParentAndName where = TRY(resolve_parent(fs.core(), header.path, header.path_length));
    const Result<InodeId> existing = fs.core().lookup_child(where.directory, where.name);
    const InodeId file = existing.ok() ? existing.value()
                                       : TRY(fs.core().create(where.directory, where.name, NodeKind::File));
    TRY(fs.core().truncate(file, 0));
    uint8_t chunk[kCopyChunk];
    for (uint64_t done = 0; done < header.size;) {
        const uint64_t length = header.size - done < kCopyChunk ? header.size - done : kCopyChunk;
        TRY(read_exact(cursor, cursor.offset + kBlock + done, chunk, length));
        TRY(fs.core().write(file, done, chunk, length));
        done += length;
    }
    return {};
}

Result<void> load_member(FileSystem& fs, Cursor& cursor, const Header& header, LoadSummary& summary) {
    if (header.truncated) return Error::NameTooLong;
    if (header.type == '5') {
        TRY(make_parents(fs, header, true));
        ++summary.directories;
    } else if (header.type == '0' || header.type == '\0') {
        TRY(make_parents(fs, header, false));
        TRY(copy_file(fs, cursor, header));
        ++summary.files;
        summary.bytes += header.size;
    } else {
        ++summary.skipped;
    }
    return {};
}

// A member the tree cannot hold (bad name, clash of kinds) is skipped; a
// damaged archive or a full file system stops the load.
Result<void> load_or_skip(FileSystem& fs, Cursor& cursor, const Header& header, LoadSummary& summary) {
    const Result<void> loaded = load_member(fs, cursor, header, summary);
    if (loaded.ok()) return {};
    const Error error = loaded.error();
    if (error == Error::BadMessage || error == Error::NoSpace || error == Error::NoMemory) return error;
    ++summary.skipped;
    return {};
}

}  // namespace

Result<LoadSummary> load_ustar(FileSystem& fs, ArchiveReader reader, void* context, uint64_t archive_length) {
    LoadSummary summary{};
    Cursor cursor{reader, context, archive_length, 0};
    uint8_t block[kBlock];
    while (cursor.offset + kBlock <= archive_length) {
        TRY(read_exact(cursor, cursor.offset, block, kBlock));
        if (is_zero_block(block)) break;
        const Header header = TRY(decode_header(block));
        const bool has_data = header.type == '0' || header.type == '\0';
        if (has_data && header.size > archive_length) return Error::BadMessage;
        const uint64_t data_blocks = has_data ? (header.size + kBlock - 1) / kBlock : 0;
        if (header.path_length > 1) TRY(load_or_skip(fs, cursor, header, summary));
        cursor.offset += kBlock + data_blocks * kBlock;
    }
    return summary;
}

}  // namespace vfs
