// elf_sections.h — finding a named section in an ELF64 file held in memory
// (the section header table and its string table), for tools that must
// look inside an executable before running it: rs checks that a binary
// offered for a live update carries update metadata (`lu_modules`) and was
// built as a version of the program it replaces (`.neurath_identity`).
// Loading executables is the kernel's business (kernel/proc/elf_image.*);
// this reads only section headers. Pure logic, host-testable.
//
// Entry points: sys::ElfSection, sys::find_elf_section.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <sys/result.h>

namespace sys {

struct ElfSection {
    const uint8_t* data;  // inside the file (nullptr for SHT_NOBITS)
    uint64_t size;
    uint64_t address;     // where it is loaded
};

// BadExecutable: not an ELF64 little-endian x86_64 executable, or a section
// header table / string table / section outside the file. NotFound: no
// section of that name.
Result<ElfSection> find_elf_section(const uint8_t* file, size_t length, const char* name);

}  // namespace sys
