// boot_info.h — what the kernel keeps from the boot loader: the physical
// memory map, the kernel command line and the boot modules (by name).
//
// Entry points: BootInfo (filled by parse_multiboot in multiboot.h),
// module_name_from_command_line().
#pragma once

#include <neurath/syscall.h>
#include <stddef.h>
#include <stdint.h>

namespace kernel {

inline constexpr size_t kMaxMemoryRegions = 64;
inline constexpr size_t kMaxBootModules = 16;
inline constexpr size_t kCommandLineLength = 256;

struct MemoryRegion {
    uint64_t base;
    uint64_t length;
    bool usable;  // Multiboot type 1 (available RAM)
};

struct BootModule {
    char name[neurath::kNameLength];
    uint64_t start;  // physical, inclusive
    uint64_t end;    // physical, exclusive
};

struct BootInfo {
    MemoryRegion regions[kMaxMemoryRegions];
    size_t region_count;
    BootModule modules[kMaxBootModules];
    size_t module_count;
    char command_line[kCommandLineLength];
};

// The module's name is the basename of the first word of its command line:
// "/x/y/rs --verbose" -> "rs". An empty command line gives "".
void module_name_from_command_line(const char* command_line, size_t length, char (&name)[neurath::kNameLength]);

// True when `word` is one of the space-separated words of the NUL-terminated
// command line (at most `length` bytes): "a fault=x b" has "fault=x", not "fault".
bool command_line_has_word(const char* command_line, size_t length, const char* word);

}  // namespace kernel
