// boot_info_test.cpp — Multiboot1 / Multiboot2 boot-information parsing
// over a fake physical memory.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "boot_info/multiboot.h"

using namespace kernel;
using neurath::Error;

namespace {

// A fake physical memory window starting at kBase.
class FakeMemory {
public:
    static constexpr uint64_t kBase = 0x10000;
    FakeMemory() : bytes_(0x10000, 0) {}

    template <typename T>
    void put(uint64_t physical, T value) {
        std::memcpy(&bytes_.at(physical - kBase), &value, sizeof value);
    }
    void put_string(uint64_t physical, const std::string& text) {
        std::memcpy(&bytes_.at(physical - kBase), text.c_str(), text.size() + 1);
    }
    PhysicalWindow window() { return PhysicalWindow{map, this}; }
    void truncate(size_t size) { bytes_.resize(size); }

private:
    static const uint8_t* map(void* context, uint64_t physical, uint64_t length) {
        auto* self = static_cast<FakeMemory*>(context);
        if (physical < kBase || physical - kBase + length > self->bytes_.size()) return nullptr;
        return self->bytes_.data() + (physical - kBase);
    }
    std::vector<uint8_t> bytes_;
};

constexpr uint64_t kInfo = FakeMemory::kBase;

void build_multiboot1(FakeMemory& m) {
    m.put<uint32_t>(kInfo + 0, (1u << 2) | (1u << 3) | (1u << 6));
    m.put<uint32_t>(kInfo + 16, 0x11000);  // cmdline
    m.put_string(0x11000, "kernel.elf quiet");
    m.put<uint32_t>(kInfo + 20, 2);        // mods_count
    m.put<uint32_t>(kInfo + 24, 0x12000);  // mods_addr
    m.put<uint32_t>(0x12000, 0x200000);
    m.put<uint32_t>(0x12004, 0x201000);
    m.put<uint32_t>(0x12008, 0x13000);
    m.put<uint32_t>(0x12010, 0x300000);
    m.put<uint32_t>(0x12014, 0x300800);
    m.put<uint32_t>(0x12018, 0x13100);
    m.put_string(0x13000, "/x/y/rs");
    m.put_string(0x13100, "/boot/pm --verbose");
    m.put<uint32_t>(kInfo + 44, 48);       // mmap_length: two entries
    m.put<uint32_t>(kInfo + 48, 0x14000);
    m.put<uint32_t>(0x14000, 20);
    m.put<uint64_t>(0x14004, 0);
    m.put<uint64_t>(0x1400C, 0x9FC00);
    m.put<uint32_t>(0x14014, 1);
    m.put<uint32_t>(0x14018, 20);
    m.put<uint64_t>(0x1401C, 0xF0000);
    m.put<uint64_t>(0x14024, 0x10000);
    m.put<uint32_t>(0x1402C, 2);
}

TEST(Multiboot1, ParsesCommandLineModulesAndMemoryMap) {
    FakeMemory m;
    build_multiboot1(m);
    BootInfo info;
    ASSERT_TRUE(parse_multiboot(kMultiboot1Magic, kInfo, m.window(), info).ok());
    EXPECT_STREQ(info.command_line, "kernel.elf quiet");
    ASSERT_EQ(info.module_count, 2u);
    EXPECT_STREQ(info.modules[0].name, "rs");
    EXPECT_EQ(info.modules[0].start, 0x200000u);
    EXPECT_EQ(info.modules[0].end, 0x201000u);
    EXPECT_STREQ(info.modules[1].name, "pm");
    ASSERT_EQ(info.region_count, 2u);
    EXPECT_TRUE(info.regions[0].usable);
    EXPECT_EQ(info.regions[0].length, 0x9FC00u);
    EXPECT_FALSE(info.regions[1].usable);
}

TEST(Multiboot1, InfoOutsideMemoryIsRejected) {
    FakeMemory m;
    BootInfo info;
    EXPECT_EQ(parse_multiboot(kMultiboot1Magic, 0x90000, m.window(), info).error(), Error::BadMessage);
}

TEST(Multiboot1, ModuleTableOutsideMemoryIsRejected) {
    FakeMemory m;
    build_multiboot1(m);
    m.put<uint32_t>(kInfo + 24, 0x900000);
    BootInfo info;
    EXPECT_EQ(parse_multiboot(kMultiboot1Magic, kInfo, m.window(), info).error(), Error::BadMessage);
}

TEST(Multiboot, UnknownMagicIsRejected) {
    FakeMemory m;
    BootInfo info;
    EXPECT_EQ(parse_multiboot(0x12345678, kInfo, m.window(), info).error(), Error::InvalidArgument);
}

// Multiboot2: fixed header, then 8-aligned tags.
uint64_t put_tag_header(FakeMemory& m, uint64_t at, uint32_t type, uint32_t size) {
    m.put<uint32_t>(at, type);
    m.put<uint32_t>(at + 4, size);
    return at + ((size + 7) & ~7u);
}

uint64_t build_multiboot2(FakeMemory& m, bool with_end_tag) {
    uint64_t at = kInfo + 8;
    at = put_tag_header(m, at, 1, 8 + 10);
    m.put_string(kInfo + 16, "console=1");
    uint64_t module_tag = at;
    at = put_tag_header(m, at, 3, 16 + 7);
    m.put<uint32_t>(module_tag + 8, 0x400000);
    m.put<uint32_t>(module_tag + 12, 0x480000);
    m.put_string(module_tag + 16, "vfs a b");
    uint64_t mmap_tag = at;
    at = put_tag_header(m, at, 6, 16 + 2 * 24);
    m.put<uint32_t>(mmap_tag + 8, 24);
    m.put<uint64_t>(mmap_tag + 16, 0x100000);
    m.put<uint64_t>(mmap_tag + 24, 0x7EE0000);
    m.put<uint32_t>(mmap_tag + 32, 1);
    m.put<uint64_t>(mmap_tag + 40, 0xFFFC0000);
    m.put<uint64_t>(mmap_tag + 48, 0x40000);
    m.put<uint32_t>(mmap_tag + 56, 2);
    if (with_end_tag) at = put_tag_header(m, at, 0, 8);
    m.put<uint32_t>(kInfo, static_cast<uint32_t>(at - kInfo));
    return at;
}

TEST(Multiboot2, ParsesTags) {
    FakeMemory m;
    build_multiboot2(m, true);
    BootInfo info;
    ASSERT_TRUE(parse_multiboot(kMultiboot2Magic, kInfo, m.window(), info).ok());
    EXPECT_STREQ(info.command_line, "console=1");
    ASSERT_EQ(info.module_count, 1u);
    EXPECT_STREQ(info.modules[0].name, "vfs");
    EXPECT_EQ(info.modules[0].end - info.modules[0].start, 0x80000u);
    ASSERT_EQ(info.region_count, 2u);
    EXPECT_TRUE(info.regions[0].usable);
    EXPECT_EQ(info.regions[0].base, 0x100000u);
    EXPECT_FALSE(info.regions[1].usable);
}

TEST(Multiboot2, MissingEndTagIsRejected) {
    FakeMemory m;
    build_multiboot2(m, false);
    BootInfo info;
    EXPECT_EQ(parse_multiboot(kMultiboot2Magic, kInfo, m.window(), info).error(), Error::BadMessage);
}

TEST(Multiboot2, TagRunningPastTheEndIsRejected) {
    FakeMemory m;
    build_multiboot2(m, true);
    m.put<uint32_t>(kInfo + 12, 0x1000);  // the command-line tag claims 4 KiB
    BootInfo info;
    EXPECT_EQ(parse_multiboot(kMultiboot2Magic, kInfo, m.window(), info).error(), Error::BadMessage);
}

TEST(Multiboot2, TinyTagSizeIsRejected) {
    FakeMemory m;
    build_multiboot2(m, true);
    m.put<uint32_t>(kInfo + 12, 4);
    BootInfo info;
    EXPECT_EQ(parse_multiboot(kMultiboot2Magic, kInfo, m.window(), info).error(), Error::BadMessage);
}

TEST(ModuleName, IsTheBasenameOfTheFirstWord) {
    char name[neurath::kNameLength];
    module_name_from_command_line("/x/y/rs", 8, name);
    EXPECT_STREQ(name, "rs");
    module_name_from_command_line("  tty  extra words", 19, name);
    EXPECT_STREQ(name, "tty");
    module_name_from_command_line("", 1, name);
    EXPECT_STREQ(name, "");
    module_name_from_command_line("/dir/", 6, name);
    EXPECT_STREQ(name, "");
    module_name_from_command_line("/a/averyveryverylongmodulename", 31, name);
    EXPECT_EQ(std::string(name).size(), neurath::kNameLength - 1);
}

// The kernel's fault injection reads one word of its command line; a
// prefix or a longer word must not count.
TEST(CommandLine, FaultInjectionWordMatchesOnlyAWholeWord) {
    const char line[] = "quiet fault=kernel-stack-overflow  last";
    EXPECT_TRUE(command_line_has_word(line, sizeof line, "fault=kernel-stack-overflow"));
    EXPECT_TRUE(command_line_has_word(line, sizeof line, "quiet"));
    EXPECT_TRUE(command_line_has_word(line, sizeof line, "last"));
    EXPECT_FALSE(command_line_has_word(line, sizeof line, "fault"));
    EXPECT_FALSE(command_line_has_word(line, sizeof line, "fault=kernel-stack-overflowing"));
    EXPECT_FALSE(command_line_has_word("", 1, "quiet"));
    const char unterminated[4] = {'a', 'b', 'c', 'd'};
    EXPECT_TRUE(command_line_has_word(unterminated, sizeof unterminated, "abcd"));
    EXPECT_FALSE(command_line_has_word(unterminated, 3, "abcd"));
}

}  // namespace
