// multiboot.cpp — Multiboot1 / Multiboot2 boot-information parsers.
//
// Entry points: parse_multiboot, module_name_from_command_line,
// command_line_has_word.
// Every field read goes through PhysicalWindow::at with an explicit length,
// so truncated or corrupt information yields -BadMessage instead of a fault.
#include "boot_info/multiboot.h"

#include "core/string.h"

namespace kernel {
namespace {

template <typename T>
T read_field(const uint8_t* base, size_t offset) {
    T value;
    copy_bytes(&value, base + offset, sizeof(T));
    return value;
}

// Copies a NUL-terminated string from physical memory (at most capacity-1 bytes).
void read_string(const PhysicalWindow& window, uint64_t physical, char* out, size_t capacity) {
    size_t length = 0;
    while (length + 1 < capacity) {
        const uint8_t* byte = window.at(physical + length, 1);
        if (byte == nullptr || *byte == 0) break;
        out[length++] = static_cast<char>(*byte);
    }
    out[length] = '\0';
}

void add_region(BootInfo& out, uint64_t base, uint64_t length, uint32_t type) {
    if (out.region_count >= kMaxMemoryRegions || length == 0) return;
    out.regions[out.region_count++] = MemoryRegion{base, length, type == 1};
}

Result<void> add_module(BootInfo& out, const PhysicalWindow& window, uint64_t start, uint64_t end, uint64_t string_physical) {
    if (end < start) return Error::BadMessage;
    if (out.module_count >= kMaxBootModules) return {};
    BootModule& module = out.modules[out.module_count++];
    module.start = start;
    module.end = end;
    char command_line[kCommandLineLength];
    read_string(window, string_physical, command_line, sizeof command_line);
    module_name_from_command_line(command_line, sizeof command_line, module.name);
    return {};
}

Result<void> parse_multiboot1_memory_map(const PhysicalWindow& window, uint64_t address, uint32_t length, BootInfo& out) {
    uint64_t cursor = address;
    while (cursor + 24 <= address + length) {
        const uint8_t* entry = window.at(cursor, 24);
        if (entry == nullptr) return Error::BadMessage;
        uint32_t size = read_field<uint32_t>(entry, 0);
        if (size < 20) return Error::BadMessage;
        add_region(out, read_field<uint64_t>(entry, 4), read_field<uint64_t>(entry, 12), read_field<uint32_t>(entry, 20));
        cursor += size + 4;
    }
    return {};
}

Result<void> parse_multiboot1(uint64_t info_physical, const PhysicalWindow& window, BootInfo& out) {
    const uint8_t* info = window.at(info_physical, 52);
    if (info == nullptr) return Error::BadMessage;
    uint32_t flags = read_field<uint32_t>(info, 0);
    if (flags & (1u << 2)) read_string(window, read_field<uint32_t>(info, 16), out.command_line, kCommandLineLength);
    if (flags & (1u << 3)) {
        uint32_t count = read_field<uint32_t>(info, 20);
        uint32_t table = read_field<uint32_t>(info, 24);
        for (uint32_t i = 0; i < count; ++i) {
            const uint8_t* entry = window.at(table + uint64_t{i} * 16, 16);
            if (entry == nullptr) return Error::BadMessage;
            TRY(add_module(out, window, read_field<uint32_t>(entry, 0), read_field<uint32_t>(entry, 4),
                           read_field<uint32_t>(entry, 8)));
        }
    }
    if (flags & (1u << 6)) {
        TRY(parse_multiboot1_memory_map(window, read_field<uint32_t>(info, 48), read_field<uint32_t>(info, 44), out));
    } else if (flags & 1u) {
        add_region(out, 0, uint64_t{read_field<uint32_t>(info, 4)} * 1024, 1);
        add_region(out, 0x100000, uint64_t{read_field<uint32_t>(info, 8)} * 1024, 1);
    }
    return {};
}

Result<void> parse_multiboot2_memory_map(const uint8_t* tag, uint32_t tag_size, BootInfo& out) {
    if (tag_size < 16) return Error::BadMessage;
    uint32_t entry_size = read_field<uint32_t>(tag, 8);
    if (entry_size < 24) return Error::BadMessage;
    for (uint32_t offset = 16; offset + entry_size <= tag_size; offset += entry_size) {
        add_region(out, read_field<uint64_t>(tag, offset), read_field<uint64_t>(tag, offset + 8),
                   read_field<uint32_t>(tag, offset + 16));
    }
    return {};
}

Result<void> parse_multiboot2_tag(const PhysicalWindow& window, uint64_t tag_physical, const uint8_t* tag,
                                  uint32_t type, uint32_t size, BootInfo& out) {
    switch (type) {
    case 1:  // command line
        read_string(window, tag_physical + 8, out.command_line, kCommandLineLength);
        return {};
    case 3:  // module
        if (size < 16) return Error::BadMessage;
        return add_module(out, window, read_field<uint32_t>(tag, 8), read_field<uint32_t>(tag, 12), tag_physical + 16);
    case 6:  // memory map
        return parse_multiboot2_memory_map(tag, size, out);
    default:
        return {};
    }
}

Result<void> parse_multiboot2(uint64_t info_physical, const PhysicalWindow& window, BootInfo& out) {
    const uint8_t* header = window.at(info_physical, 8);
    if (header == nullptr) return Error::BadMessage;
    uint32_t total_size = read_field<uint32_t>(header, 0);
    if (total_size < 8) return Error::BadMessage;
    uint64_t cursor = info_physical + 8;
    uint64_t end = info_physical + total_size;
    while (cursor + 8 <= end) {
        const uint8_t* tag_header = window.at(cursor, 8);
        if (tag_header == nullptr) return Error::BadMessage;
        uint32_t type = read_field<uint32_t>(tag_header, 0);
        uint32_t size = read_field<uint32_t>(tag_header, 4);
        if (type == 0) return {};
        if (size < 8 || cursor + size > end) return Error::BadMessage;
        const uint8_t* tag = window.at(cursor, size);
        if (tag == nullptr) return Error::BadMessage;
        TRY(parse_multiboot2_tag(window, cursor, tag, type, size, out));
        cursor += (uint64_t{size} + 7) & ~uint64_t{7};
    }
    return Error::BadMessage;  // no end tag
}

}  // namespace

void module_name_from_command_line(const char* command_line, size_t length, char (&name)[neurath::kNameLength]) {
    size_t start = 0;
    while (start < length && command_line[start] == ' ') ++start;
    size_t end = start;
    while (end < length && command_line[end] != '\0' && command_line[end] != ' ') ++end;
    size_t base = start;
    for (size_t i = start; i < end; ++i) {
        if (command_line[i] == '/') base = i + 1;
    }
    copy_name(name, sizeof name, command_line + base, end - base);
}

bool command_line_has_word(const char* command_line, size_t length, const char* word) {
    size_t start = 0;
    while (start < length && command_line[start] != '\0') {
        size_t end = start;
        while (end < length && command_line[end] != '\0' && command_line[end] != ' ') ++end;
        size_t matched = 0;
        while (start + matched < end && word[matched] == command_line[start + matched]) ++matched;
        if (start + matched == end && word[matched] == '\0') return true;
        start = end < length && command_line[end] == ' ' ? end + 1 : end;
    }
    return false;
}

Result<void> parse_multiboot(uint32_t magic, uint64_t info_physical, const PhysicalWindow& window, BootInfo& out) {
    fill_bytes(&out, 0, sizeof out);
    if (magic == kMultiboot1Magic) return parse_multiboot1(info_physical, window, out);
    if (magic == kMultiboot2Magic) return parse_multiboot2(info_physical, window, out);
    return Error::InvalidArgument;
}

}  // namespace kernel
