// ustar.cpp — sys::UstarReader: walks a ustar archive in memory, validating
// each 512-byte header before trusting any of its fields.
#include <sys/cstring.h>
#include <sys/ustar.h>

namespace sys {
namespace {

constexpr size_t kBlock = 512;

struct Header {
    char name[100];
    char mode[8];
    char uid[8];
    char gid[8];
    char size[12];
    char mtime[12];
    char checksum[8];
    char type;
    char link_name[100];
    char magic[6];
    char version[2];
    char user_name[32];
    char group_name[32];
    char device_major[8];
    char device_minor[8];
    char prefix[155];
    char padding[12];
};
static_assert(sizeof(Header) == kBlock);

bool all_zero(const uint8_t* block) {
    for (size_t i = 0; i < kBlock; ++i) {
        if (block[i] != 0) return false;
    }
    return true;
}

// Octal field: optional leading spaces, digits, then NUL/space/end of field.
Result<uint64_t> parse_octal(const char* field, size_t width) {
    size_t i = 0;
    while (i < width && field[i] == ' ') ++i;
    uint64_t value = 0;
    size_t digits = 0;
    for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i, ++digits) {
        if (value >> 60) return Error::BadMessage;
        value = value * 8 + static_cast<uint64_t>(field[i] - '0');
    }
    if (digits == 0) return Error::BadMessage;
    if (i < width && field[i] != '\0' && field[i] != ' ') return Error::BadMessage;
    return value;
}

bool checksum_matches(const Header& header) {
    auto checksum = parse_octal(header.checksum, sizeof header.checksum);
    if (checksum.is_error()) return false;
    const auto* bytes = reinterpret_cast<const uint8_t*>(&header);
    uint64_t sum = 0;
    for (size_t i = 0; i < kBlock; ++i) {
        const bool in_checksum_field = i >= 148 && i < 156;
        sum += in_checksum_field ? ' ' : bytes[i];
    }
    return sum == checksum.value();
}

// Appends at most `limit` characters of a possibly unterminated field.
bool append_field(char* out, size_t& length, size_t capacity, const char* field, size_t limit) {
    for (size_t i = 0; i < limit && field[i] != '\0'; ++i) {
        if (length + 1 >= capacity) return false;
        out[length++] = field[i];
    }
    out[length] = '\0';
    return true;
}

// Joins prefix/name and drops leading "./" and "/" and a trailing "/".
bool build_path(const Header& header, char* out, size_t capacity) {
    size_t length = 0;
    out[0] = '\0';
    if (header.prefix[0] != '\0') {
        if (!append_field(out, length, capacity, header.prefix, sizeof header.prefix)) return false;
        if (!append_field(out, length, capacity, "/", 1)) return false;
    }
    if (!append_field(out, length, capacity, header.name, sizeof header.name)) return false;
    size_t start = 0;
    for (;;) {
        if (out[start] == '/') ++start;
        else if (out[start] == '.' && out[start + 1] == '/') start += 2;
        else break;
    }
    if (str::strcmp(out + start, ".") == 0) start = length;
    str::memmove(out, out + start, length - start + 1);
    length -= start;
    while (length > 0 && out[length - 1] == '/') out[--length] = '\0';
    return true;
}

UstarType type_of(char flag) {
    if (flag == '0' || flag == '\0' || flag == '7') return UstarType::File;
    if (flag == '5') return UstarType::Directory;
    return UstarType::Other;
}

}  // namespace

Result<UstarEntry> UstarReader::next() {
    for (;;) {
        if (offset_ + kBlock > length_) return Error::NotFound;  // end without terminator
        const uint8_t* block = archive_ + offset_;
        if (all_zero(block)) return Error::NotFound;
        const auto& header = *reinterpret_cast<const Header*>(block);
        if (str::memcmp(header.magic, "ustar", 5) != 0 || !checksum_matches(header)) return Error::BadMessage;
        const uint64_t size = TRY(parse_octal(header.size, sizeof header.size));
        const uint64_t data_offset = offset_ + kBlock;
        if (size > length_ - data_offset) return Error::BadMessage;

        UstarEntry entry;
        if (!build_path(header, entry.path, sizeof entry.path)) return Error::NameTooLong;
        entry.type = type_of(header.type);
        entry.size = entry.type == UstarType::Directory ? 0 : size;
        entry.data = archive_ + data_offset;
        offset_ = data_offset + align_up(size, kBlock);
        if (entry.path[0] == '\0') continue;  // the archive root itself
        return entry;
    }
}

Result<UstarEntry> UstarReader::find(const char* path) {
    while (*path == '/') ++path;
    rewind();
    for (;;) {
        UstarEntry entry = TRY(next());
        if (str::strcmp(entry.path, path) == 0) return entry;
    }
}

}  // namespace sys
