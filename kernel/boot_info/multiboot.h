// multiboot.h — parse Multiboot1 and Multiboot2 boot information into a
// BootInfo. Pure logic: physical memory is reached through a PhysicalWindow,
// so the parser runs unchanged in host unit tests.
//
// Entry points: parse_multiboot(magic, info_physical, window, out),
// kMultiboot1Magic, kMultiboot2Magic.
#pragma once

#include <stdint.h>

#include "boot_info/boot_info.h"
#include "core/result.h"

namespace kernel {

inline constexpr uint32_t kMultiboot1Magic = 0x2BADB002;  // in eax from a Multiboot1 loader
inline constexpr uint32_t kMultiboot2Magic = 0x36D76289;  // in eax from a Multiboot2 loader

// Gives read access to physical memory: returns a pointer to `length` bytes at
// `physical`, or nullptr when that range is not accessible.
struct PhysicalWindow {
    const uint8_t* (*map)(void* context, uint64_t physical, uint64_t length);
    void* context;
    const uint8_t* at(uint64_t physical, uint64_t length) const { return map(context, physical, length); }
};

// Fills `out` from the boot information; -InvalidArgument on an unknown magic
// or -BadMessage on malformed information.
Result<void> parse_multiboot(uint32_t magic, uint64_t info_physical, const PhysicalWindow& window, BootInfo& out);

}  // namespace kernel
