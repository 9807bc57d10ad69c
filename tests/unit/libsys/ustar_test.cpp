// ustar_test.cpp — sys::UstarReader over archives built in the test:
// iteration, path normalisation, lookup, and malformed archives.
#include <gtest/gtest.h>
#include <sys/ustar.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

// Builds ustar archives the way tar(1) lays them out.
class ArchiveBuilder {
public:
    ArchiveBuilder& add(const std::string& name, const std::string& data, char type = '0',
                        const std::string& prefix = "") {
        std::vector<uint8_t> header(512, 0);
        std::memcpy(header.data(), name.data(), std::min<size_t>(name.size(), 100));
        std::snprintf(reinterpret_cast<char*>(&header[100]), 8, "%07o", 0644);
        std::snprintf(reinterpret_cast<char*>(&header[124]), 12, "%011o", static_cast<unsigned>(data.size()));
        std::snprintf(reinterpret_cast<char*>(&header[136]), 12, "%011o", 0);
        header[156] = static_cast<uint8_t>(type);
        std::memcpy(&header[257], "ustar", 6);
        std::memcpy(&header[263], "00", 2);
        std::memcpy(&header[345], prefix.data(), std::min<size_t>(prefix.size(), 155));
        std::memset(&header[148], ' ', 8);
        unsigned sum = 0;
        for (uint8_t byte : header) sum += byte;
        std::snprintf(reinterpret_cast<char*>(&header[148]), 8, "%06o", sum);
        header[155] = ' ';
        bytes_.insert(bytes_.end(), header.begin(), header.end());
        bytes_.insert(bytes_.end(), data.begin(), data.end());
        bytes_.resize((bytes_.size() + 511) / 512 * 512, 0);
        return *this;
    }
    std::vector<uint8_t> finish() {
        std::vector<uint8_t> out = bytes_;
        out.resize(out.size() + 1024, 0);
        return out;
    }

private:
    std::vector<uint8_t> bytes_;
};

std::string contents(const sys::UstarEntry& entry) {
    return std::string(reinterpret_cast<const char*>(entry.data), entry.size);
}

}  // namespace

TEST(Ustar, IteratesEntriesWithNormalisedPaths) {
    auto archive = ArchiveBuilder()
                       .add("./", "", '5')
                       .add("./sbin/", "", '5')
                       .add("./sbin/rs", "ELF-ish bytes")
                       .add("etc/system.conf", std::string(700, 'c'))
                       .finish();
    sys::UstarReader reader(archive.data(), archive.size());

    auto first = reader.next();
    ASSERT_TRUE(first.ok());
    EXPECT_STREQ(first.value().path, "sbin");
    EXPECT_EQ(first.value().type, sys::UstarType::Directory);

    auto second = reader.next();
    ASSERT_TRUE(second.ok());
    EXPECT_STREQ(second.value().path, "sbin/rs");
    EXPECT_EQ(contents(second.value()), "ELF-ish bytes");

    auto third = reader.next();
    ASSERT_TRUE(third.ok());
    EXPECT_EQ(third.value().size, 700u);

    EXPECT_EQ(reader.next().error(), neurath::Error::NotFound);
}

TEST(Ustar, FindsByPathWithOrWithoutLeadingSlash) {
    auto archive = ArchiveBuilder().add("bin/sh", "shell").add("data/a.txt", "A").finish();
    sys::UstarReader reader(archive.data(), archive.size());
    auto found = reader.find("/data/a.txt");
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(contents(found.value()), "A");
    EXPECT_TRUE(reader.find("bin/sh").ok());
    EXPECT_EQ(reader.find("bin/missing").error(), neurath::Error::NotFound);
}

TEST(Ustar, JoinsPrefixAndName) {
    auto archive = ArchiveBuilder().add("file.txt", "x", '0', "very/long/prefix").finish();
    sys::UstarReader reader(archive.data(), archive.size());
    EXPECT_TRUE(reader.find("very/long/prefix/file.txt").ok());
}

TEST(Ustar, RejectsCorruptChecksum) {
    auto archive = ArchiveBuilder().add("a", "hello").finish();
    archive[0] = 'b';  // header changed after the checksum was computed
    sys::UstarReader reader(archive.data(), archive.size());
    EXPECT_EQ(reader.next().error(), neurath::Error::BadMessage);
}

TEST(Ustar, RejectsSizeBeyondTheArchive) {
    auto archive = ArchiveBuilder().add("a", std::string(2000, 'z')).finish();
    sys::UstarReader reader(archive.data(), 1024);  // truncated in the middle of the data
    EXPECT_EQ(reader.next().error(), neurath::Error::BadMessage);
}

TEST(Ustar, RejectsNonUstarData) {
    std::vector<uint8_t> garbage(1024, 'g');
    sys::UstarReader reader(garbage.data(), garbage.size());
    EXPECT_EQ(reader.next().error(), neurath::Error::BadMessage);
    sys::UstarReader empty(garbage.data(), 100);
    EXPECT_EQ(empty.next().error(), neurath::Error::NotFound);
}

TEST(Ustar, ReadsArchivesMadeByTar) {
    // A header as GNU tar writes it in ustar mode: checksum "%06o\0 ".
    auto archive = ArchiveBuilder().add("etc/motd", "welcome\n").finish();
    std::snprintf(reinterpret_cast<char*>(&archive[148]), 8, "%06o", [&] {
        unsigned sum = 0;
        for (int i = 0; i < 512; ++i) sum += (i >= 148 && i < 156) ? ' ' : archive[i];
        return sum;
    }());
    sys::UstarReader reader(archive.data(), archive.size());
    auto entry = reader.find("etc/motd");
    ASSERT_TRUE(entry.ok());
    EXPECT_EQ(contents(entry.value()), "welcome\n");
}

// Random corruption of header fields, with the checksum repaired so the
// damage reaches the field parsers: every entry handed out must lie inside
// the archive, and iteration must end.
TEST(Ustar, CorruptHeadersNeverLeadOutsideTheArchive) {
    const auto pristine = ArchiveBuilder()
                              .add("bin/a", std::string(1500, 'a'))
                              .add("etc/b", "bbb")
                              .add("c", std::string(600, 'c'), '0', "deep/prefix")
                              .finish();
    uint32_t state = 12345;
    auto next_random = [&] { return state = state * 1103515245 + 12345, state >> 8; };
    for (int round = 0; round < 2000; ++round) {
        auto archive = pristine;
        const size_t header = (next_random() % 3) * 512 * (1 + next_random() % 2);
        for (int flips = 0; flips < 4; ++flips) {
            const size_t field = header + 100 + next_random() % 412;
            archive[field] = static_cast<uint8_t>(next_random() % 2 ? next_random() : '0' + next_random() % 10);
        }
        if (next_random() % 2) {
            unsigned sum = 0;
            for (size_t i = header; i < header + 512; ++i) sum += (i >= header + 148 && i < header + 156) ? ' ' : archive[i];
            std::snprintf(reinterpret_cast<char*>(&archive[header + 148]), 8, "%06o", sum);
        }
        sys::UstarReader reader(archive.data(), archive.size());
        for (int entries = 0; entries < 16; ++entries) {
            auto entry = reader.next();
            if (entry.is_error()) break;
            const uint8_t* begin = archive.data();
            ASSERT_GE(entry.value().data, begin);
            ASSERT_LE(entry.value().data + entry.value().size, begin + archive.size()) << "round " << round;
            ASSERT_LT(std::strlen(entry.value().path), sizeof entry.value().path);
        }
    }
}
