// elf_sections_test.cpp — sys::find_elf_section over ELF files built in the
// test: found sections, missing ones, and malformed files (every truncation,
// corrupted offsets) that must be refused, never read out of bounds.
#include <gtest/gtest.h>
#include <sys/elf_sections.h>

#include <cstring>
#include <string>
#include <vector>

namespace {

struct Section {
    std::string name;
    std::string data;
    uint32_t type = 1;  // SHT_PROGBITS
};

template <typename T>
void put(std::vector<uint8_t>& bytes, size_t offset, T value) {
    std::memcpy(bytes.data() + offset, &value, sizeof value);
}

// Header, section data, string table, then the section header table.
std::vector<uint8_t> build_elf(const std::vector<Section>& sections, uint16_t type = 2) {
    std::vector<uint8_t> bytes(64, 0);
    const uint8_t identity[] = {0x7F, 'E', 'L', 'F', 2, 1, 1};
    std::memcpy(bytes.data(), identity, sizeof identity);
    put<uint16_t>(bytes, 16, type);
    put<uint16_t>(bytes, 18, 62);
    std::vector<size_t> data_offsets;
    for (const Section& s : sections) {
        data_offsets.push_back(bytes.size());
        bytes.insert(bytes.end(), s.data.begin(), s.data.end());
    }
    std::string names(1, '\0');
    std::vector<uint32_t> name_offsets;
    for (const Section& s : sections) {
        name_offsets.push_back(static_cast<uint32_t>(names.size()));
        names += s.name + '\0';
    }
    const uint32_t names_name = static_cast<uint32_t>(names.size());
    names += std::string(".shstrtab") + '\0';
    const size_t names_offset = bytes.size();
    bytes.insert(bytes.end(), names.begin(), names.end());
    const size_t table = bytes.size();
    const uint16_t count = static_cast<uint16_t>(sections.size() + 2);
    bytes.resize(table + 64 * count, 0);
    for (size_t i = 0; i < sections.size(); ++i) {
        const size_t h = table + 64 * (i + 1);
        put<uint32_t>(bytes, h, name_offsets[i]);
        put<uint32_t>(bytes, h + 4, sections[i].type);
        put<uint64_t>(bytes, h + 16, 0x400000 + i * 0x1000);
        put<uint64_t>(bytes, h + 24, data_offsets[i]);
        put<uint64_t>(bytes, h + 32, sections[i].data.size());
    }
    const size_t h = table + 64 * (count - 1);
    put<uint32_t>(bytes, h, names_name);
    put<uint32_t>(bytes, h + 4, 3);  // SHT_STRTAB
    put<uint64_t>(bytes, h + 24, names_offset);
    put<uint64_t>(bytes, h + 32, names.size());
    put<uint64_t>(bytes, 40, table);
    put<uint16_t>(bytes, 58, 64);
    put<uint16_t>(bytes, 60, count);
    put<uint16_t>(bytes, 62, count - 1);
    return bytes;
}

const std::vector<Section> kUpdatable = {{"lu_modules", std::string(24, 'm')}, {".neurath_identity", "ds"}};

TEST(ElfSections, FindsSectionsByName) {
    const auto elf = build_elf(kUpdatable);
    auto identity = sys::find_elf_section(elf.data(), elf.size(), ".neurath_identity");
    ASSERT_TRUE(identity.ok());
    EXPECT_EQ(identity.value().size, 2u);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(identity.value().data), 2), "ds");
    auto metadata = sys::find_elf_section(elf.data(), elf.size(), "lu_modules");
    ASSERT_TRUE(metadata.ok());
    EXPECT_EQ(metadata.value().size, 24u);
    EXPECT_EQ(metadata.value().address, 0x400000u);
}

TEST(ElfSections, MissingSectionIsNotFound) {
    const auto elf = build_elf({{".text", "abc"}});
    auto found = sys::find_elf_section(elf.data(), elf.size(), "lu_modules");
    ASSERT_TRUE(found.is_error());
    EXPECT_EQ(found.error(), neurath::Error::NotFound);
}

TEST(ElfSections, RefusesWhatIsNotAnExecutable) {
    const std::string text = "#!/bin/sh\necho not an executable\n";
    auto found = sys::find_elf_section(reinterpret_cast<const uint8_t*>(text.data()), text.size(), "lu_modules");
    EXPECT_EQ(found.error(), neurath::Error::BadExecutable);
    const auto shared_object = build_elf(kUpdatable, 3);  // ET_DYN
    EXPECT_EQ(sys::find_elf_section(shared_object.data(), shared_object.size(), "lu_modules").error(),
              neurath::Error::BadExecutable);
}

TEST(ElfSections, EveryTruncationIsRefusedOrStillInside) {
    const auto elf = build_elf(kUpdatable);
    for (size_t length = 0; length < elf.size(); ++length) {
        std::vector<uint8_t> cut(elf.begin(), elf.begin() + static_cast<long>(length));
        auto found = sys::find_elf_section(cut.data(), cut.size(), "lu_modules");
        if (found.ok()) {
            ASSERT_LE(found.value().data + found.value().size, cut.data() + cut.size()) << length;
        } else {
            EXPECT_EQ(found.error(), neurath::Error::BadExecutable) << length;
        }
    }
}

TEST(ElfSections, CorruptedOffsetsAreRefused) {
    const auto good = build_elf(kUpdatable);
    uint64_t seed = 12345;
    for (int round = 0; round < 20000; ++round) {
        auto elf = good;
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        const size_t at = (seed >> 33) % elf.size();
        elf[at] = static_cast<uint8_t>(seed >> 24);
        auto found = sys::find_elf_section(elf.data(), elf.size(), "lu_modules");
        if (found.ok() && found.value().data) {
            ASSERT_GE(found.value().data, elf.data());
            ASSERT_LE(found.value().data + found.value().size, elf.data() + elf.size());
        }
    }
}

}  // namespace
