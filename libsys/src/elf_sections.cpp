// elf_sections.cpp — named section lookup in an in-memory ELF64 file (see
// elf_sections.h). Every offset and size is checked against the file length
// before it is used, without arithmetic overflow.
#include <sys/cstring.h>
#include <sys/elf_sections.h>

namespace sys {
namespace {

constexpr size_t kHeaderSize = 64;
constexpr size_t kSectionHeaderSize = 64;
constexpr uint16_t kTypeExecutable = 2;
constexpr uint16_t kMachineX86_64 = 62;
constexpr uint32_t kSectionNoBits = 8;

template <typename T>
T field(const uint8_t* base, size_t offset) {
    T value;
    str::memcpy(&value, base + offset, sizeof value);
    return value;
}

bool inside(size_t length, uint64_t offset, uint64_t size) { return offset <= length && size <= length - offset; }

bool is_x86_64_executable(const uint8_t* file, size_t length) {
    if (length < kHeaderSize) return false;
    const bool identity = file[0] == 0x7F && file[1] == 'E' && file[2] == 'L' && file[3] == 'F' && file[4] == 2 &&
                          file[5] == 1 && file[6] == 1;
    return identity && field<uint16_t>(file, 16) == kTypeExecutable && field<uint16_t>(file, 18) == kMachineX86_64;
}

struct SectionTable {
    const uint8_t* headers;
    uint16_t count;
    const char* names;
    uint64_t names_size;
};

Result<SectionTable> section_table(const uint8_t* file, size_t length) {
    const uint64_t offset = field<uint64_t>(file, 40);
    const uint16_t entry_size = field<uint16_t>(file, 58);
    const uint16_t count = field<uint16_t>(file, 60);
    const uint16_t names_index = field<uint16_t>(file, 62);
    if (count == 0 || entry_size != kSectionHeaderSize || names_index >= count) return Error::BadExecutable;
    if (!inside(length, offset, uint64_t{count} * kSectionHeaderSize)) return Error::BadExecutable;
    const uint8_t* names_header = file + offset + uint64_t{names_index} * kSectionHeaderSize;
    const uint64_t names_offset = field<uint64_t>(names_header, 24);
    const uint64_t names_size = field<uint64_t>(names_header, 32);
    if (names_size == 0 || !inside(length, names_offset, names_size)) return Error::BadExecutable;
    const char* names = reinterpret_cast<const char*>(file + names_offset);
    if (names[names_size - 1] != '\0') return Error::BadExecutable;
    return SectionTable{file + offset, count, names, names_size};
}

}  // namespace

Result<ElfSection> find_elf_section(const uint8_t* file, size_t length, const char* name) {
    if (!is_x86_64_executable(file, length)) return Error::BadExecutable;
    const SectionTable table = TRY(section_table(file, length));
    for (uint16_t i = 0; i < table.count; ++i) {
        const uint8_t* header = table.headers + uint64_t{i} * kSectionHeaderSize;
        const uint32_t name_offset = field<uint32_t>(header, 0);
        if (name_offset >= table.names_size || str::strcmp(table.names + name_offset, name) != 0) continue;
        const uint32_t type = field<uint32_t>(header, 4);
        const uint64_t offset = field<uint64_t>(header, 24);
        const uint64_t size = field<uint64_t>(header, 32);
        if (type == kSectionNoBits) return ElfSection{nullptr, size, field<uint64_t>(header, 16)};
        if (!inside(length, offset, size)) return Error::BadExecutable;
        return ElfSection{file + offset, size, field<uint64_t>(header, 16)};
    }
    return Error::NotFound;
}

}  // namespace sys
