// elf_image.cpp — ELF64 executable validation (see elf_image.h).
//
// Entry points: parse_elf_header, validate_elf.
#include "proc/elf_image.h"

#include "core/string.h"
#include "memory/paging.h"

namespace kernel {
namespace {

constexpr uint16_t kTypeExecutable = 2;
constexpr uint16_t kMachineX86_64 = 62;
constexpr uint32_t kProgramLoad = 1;

template <typename T>
T read_field(const uint8_t* base, size_t offset) {
    T value;
    copy_bytes(&value, base + offset, sizeof(T));
    return value;
}

bool has_elf_identity(const uint8_t* bytes) {
    return bytes[0] == 0x7F && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F' && bytes[4] == 2 /* 64-bit */ &&
           bytes[5] == 1 /* little endian */ && bytes[6] == 1 /* version */;
}

Result<ElfSegment> parse_load_segment(const uint8_t* header, uint64_t image_length) {
    ElfSegment segment{};
    segment.flags = read_field<uint32_t>(header, 4) & 7;
    segment.file_offset = read_field<uint64_t>(header, 8);
    segment.vaddr = read_field<uint64_t>(header, 16);
    segment.file_size = read_field<uint64_t>(header, 32);
    segment.memory_size = read_field<uint64_t>(header, 40);
    if (segment.file_size > segment.memory_size) return Error::BadExecutable;
    if (segment.memory_size == 0 || segment.memory_size > kMaxSegmentMemory) return Error::BadExecutable;
    if (segment.file_offset > image_length || segment.file_size > image_length - segment.file_offset) {
        return Error::BadExecutable;
    }
    uint64_t stack_bottom = kUserStackTop - kUserStackSize;
    if (segment.vaddr < kUserBase || segment.vaddr >= stack_bottom) return Error::BadExecutable;
    if (segment.memory_size > stack_bottom - segment.vaddr) return Error::BadExecutable;
    return segment;
}

bool overlaps(const ElfSegment& a, const ElfSegment& b) {
    return a.vaddr < b.vaddr + b.memory_size && b.vaddr < a.vaddr + a.memory_size;
}

bool entry_is_executable(const ElfLayout& layout) {
    for (uint32_t i = 0; i < layout.segment_count; ++i) {
        const ElfSegment& s = layout.segments[i];
        if ((s.flags & kSegmentExecute) && layout.entry >= s.vaddr && layout.entry - s.vaddr < s.memory_size) return true;
    }
    return false;
}

}  // namespace

Result<ElfHeaderInfo> parse_elf_header(const uint8_t* bytes, uint64_t image_length) {
    if (image_length < kElfHeaderSize || !has_elf_identity(bytes)) return Error::BadExecutable;
    if (read_field<uint16_t>(bytes, 16) != kTypeExecutable) return Error::BadExecutable;
    if (read_field<uint16_t>(bytes, 18) != kMachineX86_64) return Error::BadExecutable;
    if (read_field<uint32_t>(bytes, 20) != 1) return Error::BadExecutable;
    if (read_field<uint16_t>(bytes, 54) != kElfPhdrSize) return Error::BadExecutable;
    ElfHeaderInfo info{};
    info.entry = read_field<uint64_t>(bytes, 24);
    info.program_header_offset = read_field<uint64_t>(bytes, 32);
    info.program_header_count = read_field<uint16_t>(bytes, 56);
    if (info.program_header_count == 0 || info.program_header_count > kMaxProgramHeaders) return Error::BadExecutable;
    uint64_t table_size = uint64_t{info.program_header_count} * kElfPhdrSize;
    if (info.program_header_offset > image_length || table_size > image_length - info.program_header_offset) {
        return Error::BadExecutable;
    }
    return info;
}

Result<ElfLayout> validate_elf(const ElfHeaderInfo& header, const uint8_t* program_headers, uint64_t image_length) {
    ElfLayout layout{};
    layout.entry = header.entry;
    for (uint16_t i = 0; i < header.program_header_count; ++i) {
        const uint8_t* entry = program_headers + size_t{i} * kElfPhdrSize;
        if (read_field<uint32_t>(entry, 0) != kProgramLoad) continue;
        if (read_field<uint64_t>(entry, 40) == 0) continue;  // empty PT_LOAD: nothing to map
        if (layout.segment_count == kMaxElfSegments) return Error::BadExecutable;
        ElfSegment segment = TRY(parse_load_segment(entry, image_length));
        for (uint32_t j = 0; j < layout.segment_count; ++j) {
            if (overlaps(segment, layout.segments[j])) return Error::BadExecutable;
        }
        layout.segments[layout.segment_count++] = segment;
    }
    if (layout.segment_count == 0 || !entry_is_executable(layout)) return Error::BadExecutable;
    return layout;
}

}  // namespace kernel
