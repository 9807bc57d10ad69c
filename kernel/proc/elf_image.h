// elf_image.h — validation of static ELF64 x86_64 executables before any
// process is created. Pure logic (host-testable).
//
// Entry points: parse_elf_header(bytes, image_length), validate_elf(...),
// ElfLayout (entry point + PT_LOAD segments), kElfHeaderSize, kElfPhdrSize.
// Checks: magic, 64-bit, little endian, version, ET_EXEC, x86_64, program
// header table inside the file, every PT_LOAD with filesz <= memsz, file
// bytes inside the file, memory inside the user range below the stack, no
// arithmetic overflow, sane sizes, segments not overlapping, and an entry
// point inside an executable segment. Anything else: -BadExecutable.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "core/result.h"

namespace kernel {

inline constexpr size_t kElfHeaderSize = 64;
inline constexpr size_t kElfPhdrSize = 56;
inline constexpr uint32_t kMaxElfSegments = 16;
inline constexpr uint16_t kMaxProgramHeaders = 64;
inline constexpr uint64_t kMaxSegmentMemory = 256ull << 20;

inline constexpr uint32_t kSegmentExecute = 1;
inline constexpr uint32_t kSegmentWrite = 2;
inline constexpr uint32_t kSegmentRead = 4;

struct ElfHeaderInfo {
    uint64_t entry;
    uint64_t program_header_offset;
    uint16_t program_header_count;
};

struct ElfSegment {
    uint64_t vaddr;
    uint64_t memory_size;
    uint64_t file_offset;
    uint64_t file_size;
    uint32_t flags;  // kSegment* bits
};

struct ElfLayout {
    uint64_t entry;
    ElfSegment segments[kMaxElfSegments];
    uint32_t segment_count;
};

// Step 1: the 64-byte file header (bytes must hold kElfHeaderSize).
Result<ElfHeaderInfo> parse_elf_header(const uint8_t* bytes, uint64_t image_length);
// Step 2: the program headers (count * kElfPhdrSize bytes read from the file).
Result<ElfLayout> validate_elf(const ElfHeaderInfo& header, const uint8_t* program_headers, uint64_t image_length);

}  // namespace kernel
