// bootimage_loader_test.cpp — host tests of populating the tree from ustar
// archives built in memory, including damaged ones.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bootimage_loader.h"

using namespace vfs;
using neurath::Error;

namespace {

// A minimal ustar writer, enough to produce the members mkbootimg.py emits.
class TarBuilder {
public:
    void directory(const std::string& name) { header(name, 0, '5'); }
    void file(const std::string& name, const std::string& data, char type = '0', const std::string& prefix = "") {
        header(name, data.size(), type, prefix);
        bytes_.insert(bytes_.end(), data.begin(), data.end());
        bytes_.resize((bytes_.size() + 511) / 512 * 512, 0);
    }
    std::vector<uint8_t> finish() {
        bytes_.resize(bytes_.size() + 1024, 0);
        return bytes_;
    }
    std::vector<uint8_t>& raw() { return bytes_; }

private:
    void header(const std::string& name, size_t size, char type, const std::string& prefix = "") {
        uint8_t block[512] = {};
        std::memcpy(block, name.data(), std::min<size_t>(name.size(), 100));
        std::memcpy(block + 345, prefix.data(), std::min<size_t>(prefix.size(), 155));
        std::snprintf(reinterpret_cast<char*>(block + 100), 8, "%07o", 0644);
        std::snprintf(reinterpret_cast<char*>(block + 124), 12, "%011zo", size);
        block[156] = static_cast<uint8_t>(type);
        std::memcpy(block + 257, "ustar\00000", 8);
        std::memset(block + 148, ' ', 8);
        unsigned sum = 0;
        for (uint8_t byte : block) sum += byte;
        std::snprintf(reinterpret_cast<char*>(block + 148), 8, "%06o", sum);
        bytes_.insert(bytes_.end(), block, block + 512);
    }
    std::vector<uint8_t> bytes_;
};

Result<uint64_t> read_memory(void* context, uint64_t offset, void* buffer, uint64_t length) {
    auto* bytes = static_cast<std::vector<uint8_t>*>(context);
    if (offset >= bytes->size()) return uint64_t{0};
    const uint64_t count = std::min<uint64_t>(length, bytes->size() - offset);
    std::memcpy(buffer, bytes->data() + offset, count);
    return count;
}

std::string contents(FileSystem& fs, const char* path) {
    auto fd = fs.open(1, path_of(path), kOpenRead);
    if (!fd.ok()) return "<" + std::string(neurath::error_name(fd.error())) + ">";
    std::string out(1 << 16, '\0');
    out.resize(fs.read(1, fd.value(), out.data(), out.size()).value());
    EXPECT_TRUE(fs.close(1, fd.value()).ok());
    return out;
}

Result<LoadSummary> load(FileSystem& fs, std::vector<uint8_t>& archive) {
    return load_ustar(fs, read_memory, &archive, archive.size());
}

}  // namespace

TEST(BootimageLoader, LoadsDirectoriesAndFiles) {
    TarBuilder tar;
    tar.directory("bin/");
    tar.directory("etc/");
    tar.file("bin/sh", std::string(5000, 'S'));
    tar.file("etc/motd", "Welcome to Neurath\n");
    tar.file("data/deep/nested.txt", "made parents");
    std::vector<uint8_t> archive = tar.finish();
    FileSystem fs;
    auto summary = load(fs, archive);
    ASSERT_TRUE(summary.ok()) << neurath::error_name(summary.error());
    EXPECT_EQ(summary.value().files, 3u);
    EXPECT_EQ(summary.value().directories, 2u);
    EXPECT_EQ(summary.value().bytes, 5000u + 19 + 12);
    EXPECT_EQ(contents(fs, "/bin/sh"), std::string(5000, 'S'));
    EXPECT_EQ(contents(fs, "/etc/motd"), "Welcome to Neurath\n");
    EXPECT_EQ(contents(fs, "/data/deep/nested.txt"), "made parents");
    EXPECT_TRUE(fs.core().is_consistent());
}

TEST(BootimageLoader, SkipsUnsupportedMembersAndBadNames) {
    TarBuilder tar;
    tar.file("link", "", '2');
    tar.file(std::string(kNameMax + 5, 'x'), "name too long for the tree");
    tar.file("ok", "fine");
    std::vector<uint8_t> archive = tar.finish();
    FileSystem fs;
    auto summary = load(fs, archive);
    ASSERT_TRUE(summary.ok());
    EXPECT_EQ(summary.value().files, 1u);
    EXPECT_EQ(summary.value().skipped, 2u);
    EXPECT_EQ(contents(fs, "/ok"), "fine");
}

TEST(BootimageLoader, PrefixFieldJoinsThePathAndOverlongPathsAreSkipped) {
    TarBuilder tar;
    tar.file("file.txt", "in prefix dir", '0', "usr/share");
    tar.file(std::string(100, 'n'), "too long", '0', std::string(155, 'p'));
    std::vector<uint8_t> archive = tar.finish();
    FileSystem fs;
    auto summary = load(fs, archive);
    ASSERT_TRUE(summary.ok());
    EXPECT_EQ(contents(fs, "/usr/share/file.txt"), "in prefix dir");
    EXPECT_EQ(summary.value().files, 1u);
    EXPECT_EQ(summary.value().skipped, 1u);
    EXPECT_TRUE(fs.core().is_consistent());
}

TEST(BootimageLoader, EmptyArchiveLoadsNothing) {
    std::vector<uint8_t> archive(1024, 0);
    FileSystem fs;
    auto summary = load(fs, archive);
    ASSERT_TRUE(summary.ok());
    EXPECT_EQ(summary.value().files, 0u);
    std::vector<uint8_t> nothing;
    EXPECT_TRUE(load(fs, nothing).ok());
}

TEST(BootimageLoader, BadChecksumIsBadMessage) {
    TarBuilder tar;
    tar.file("a", "x");
    std::vector<uint8_t> archive = tar.finish();
    archive[0] = 'b';  // name changed, checksum not
    FileSystem fs;
    EXPECT_EQ(load(fs, archive).error(), Error::BadMessage);
}

TEST(BootimageLoader, TruncatedMemberIsBadMessage) {
    TarBuilder tar;
    tar.file("big", std::string(4000, 'b'));
    std::vector<uint8_t>& raw = tar.raw();
    raw.resize(1024);  // header + 1 data block of 8
    FileSystem fs;
    EXPECT_EQ(load(fs, raw).error(), Error::BadMessage);
}

TEST(BootimageLoader, GarbageIsBadMessageNotACrash) {
    std::vector<uint8_t> garbage(4096);
    uint32_t state = 12345;
    for (uint8_t& byte : garbage) {
        state = state * 1103515245 + 12345;
        byte = static_cast<uint8_t>(state >> 16);
    }
    FileSystem fs;
    EXPECT_EQ(load(fs, garbage).error(), Error::BadMessage);
}
