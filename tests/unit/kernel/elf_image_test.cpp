// elf_image_test.cpp — ELF64 executable validation: a well-formed image
// passes and every malformation is refused with -BadExecutable.
#include "proc/elf_image.h"

#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <vector>

#include "memory/paging.h"

using namespace kernel;
using neurath::Error;

namespace {

class Image {
public:
    Image() : bytes(0x1200, 0) {
        const uint8_t ident[] = {0x7F, 'E', 'L', 'F', 2, 1, 1};
        std::memcpy(bytes.data(), ident, sizeof ident);
        put<uint16_t>(16, 2);      // ET_EXEC
        put<uint16_t>(18, 62);     // x86_64
        put<uint32_t>(20, 1);
        put<uint64_t>(24, 0x401000);  // entry
        put<uint64_t>(32, 64);     // phoff
        put<uint16_t>(54, 56);
        put<uint16_t>(56, 2);
        segment(0, 1, 5, 0x1000, 0x401000, 0x100, 0x100);
        segment(1, 1, 6, 0x1100, 0x402000, 0x10, 0x2000);
    }
    void segment(int index, uint32_t type, uint32_t flags, uint64_t offset, uint64_t vaddr, uint64_t filesz,
                 uint64_t memsz) {
        size_t at = 64 + index * 56;
        put<uint32_t>(at, type);
        put<uint32_t>(at + 4, flags);
        put<uint64_t>(at + 8, offset);
        put<uint64_t>(at + 16, vaddr);
        put<uint64_t>(at + 32, filesz);
        put<uint64_t>(at + 40, memsz);
    }
    template <typename T>
    void put(size_t offset, T value) {
        std::memcpy(bytes.data() + offset, &value, sizeof value);
    }
    Result<ElfLayout> validate() const {
        auto header = parse_elf_header(bytes.data(), bytes.size());
        if (header.is_error()) return header.error();
        return validate_elf(header.value(), bytes.data() + header.value().program_header_offset, bytes.size());
    }
    std::vector<uint8_t> bytes;
};

TEST(ElfImage, WellFormedExecutableIsAccepted) {
    Image image;
    auto layout = image.validate();
    ASSERT_TRUE(layout.ok());
    EXPECT_EQ(layout.value().entry, 0x401000u);
    ASSERT_EQ(layout.value().segment_count, 2u);
    EXPECT_EQ(layout.value().segments[1].memory_size, 0x2000u);
    EXPECT_EQ(layout.value().segments[1].flags, kSegmentRead | kSegmentWrite);
}

TEST(ElfImage, NonLoadAndEmptySegmentsAreSkipped) {
    Image image;
    image.put<uint16_t>(56, 3);
    image.segment(2, 0x6474E551, 6, 0, 0, 0, 0);  // PT_GNU_STACK
    EXPECT_TRUE(image.validate().ok());
}

struct Corruption {
    const char* what;
    std::function<void(Image&)> apply;
};

class ElfCorruption : public ::testing::TestWithParam<Corruption> {};

TEST_P(ElfCorruption, IsRefused) {
    Image image;
    GetParam().apply(image);
    auto layout = image.validate();
    ASSERT_TRUE(layout.is_error()) << GetParam().what;
    EXPECT_EQ(layout.error(), Error::BadExecutable) << GetParam().what;
}

INSTANTIATE_TEST_SUITE_P(
    Malformations, ElfCorruption,
    ::testing::Values(
        Corruption{"bad magic", [](Image& i) { i.bytes[1] = 'X'; }},
        Corruption{"32-bit class", [](Image& i) { i.bytes[4] = 1; }},
        Corruption{"big endian", [](Image& i) { i.bytes[5] = 2; }},
        Corruption{"shared object", [](Image& i) { i.put<uint16_t>(16, 3); }},
        Corruption{"wrong machine", [](Image& i) { i.put<uint16_t>(18, 3); }},
        Corruption{"wrong phentsize", [](Image& i) { i.put<uint16_t>(54, 32); }},
        Corruption{"no program headers", [](Image& i) { i.put<uint16_t>(56, 0); }},
        Corruption{"program headers past the end", [](Image& i) { i.put<uint64_t>(32, 0x11F0); }},
        Corruption{"program header offset overflow", [](Image& i) { i.put<uint64_t>(32, ~0ull - 8); }},
        Corruption{"filesz > memsz", [](Image& i) { i.segment(1, 1, 6, 0x1100, 0x402000, 0x20, 0x10); }},
        Corruption{"file bytes past the end", [](Image& i) { i.segment(1, 1, 6, 0x1100, 0x402000, 0x200, 0x2000); }},
        Corruption{"file offset overflow", [](Image& i) { i.segment(1, 1, 6, ~0ull - 4, 0x402000, 0x10, 0x2000); }},
        Corruption{"below the user range", [](Image& i) { i.segment(1, 1, 6, 0x1100, 0x1000, 0x10, 0x2000); }},
        Corruption{"kernel address", [](Image& i) { i.segment(1, 1, 6, 0x1100, kKernelBase, 0x10, 0x2000); }},
        Corruption{"memory size overflow", [](Image& i) { i.segment(1, 1, 6, 0x1100, 0x402000, 0x10, ~0ull - 0x1000); }},
        Corruption{"into the stack", [](Image& i) { i.segment(1, 1, 6, 0x1100, kUserStackTop - 0x1000, 0x10, 0x100); }},
        Corruption{"huge segment", [](Image& i) { i.segment(1, 1, 6, 0x1100, 0x402000, 0x10, 1ull << 40); }},
        Corruption{"overlapping segments", [](Image& i) { i.segment(1, 1, 6, 0x1100, 0x401080, 0x10, 0x100); }},
        Corruption{"entry outside code", [](Image& i) { i.put<uint64_t>(24, 0x402000); }},
        Corruption{"truncated header", [](Image& i) { i.bytes.resize(40); }}));

}  // namespace
