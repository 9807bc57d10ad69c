// file_system_test.cpp — host tests of the client-facing file operations:
// open flags, descriptors, offsets, directories, unlink and rename by path.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "file_system.h"

using namespace vfs;
using neurath::Error;

namespace {

constexpr neurath::Endpoint kShell = 20;
constexpr neurath::Endpoint kOther = 21;

Path p(const char* text) { return path_of(text); }

class FileSystemTest : public ::testing::Test {
protected:
    int32_t open(const char* path, uint32_t flags, neurath::Endpoint client = kShell) {
        auto fd = fs.open(client, p(path), flags);
        EXPECT_TRUE(fd.ok()) << path << ": " << neurath::error_name(fd.error());
        return fd.ok() ? fd.value() : -1;
    }
    void put(const char* path, const std::string& text) {
        int32_t fd = open(path, kOpenWrite | kOpenCreate | kOpenTruncate);
        ASSERT_EQ(fs.write(kShell, fd, text.data(), text.size()).value(), text.size());
        ASSERT_TRUE(fs.close(kShell, fd).ok());
    }
    std::string get(const char* path) {
        int32_t fd = open(path, kOpenRead);
        std::string out(4096, '\0');
        auto got = fs.read(kShell, fd, out.data(), out.size());
        EXPECT_TRUE(fs.close(kShell, fd).ok());
        out.resize(got.ok() ? got.value() : 0);
        return out;
    }
    std::vector<std::string> ls(const char* path) {
        std::vector<std::string> names;
        int32_t fd = open(path, kOpenRead | kOpenDirectory);
        for (uint32_t i = 0;; ++i) {
            auto entry = fs.read_directory(kShell, fd, i);
            if (!entry.ok() || entry.value().end) break;
            names.push_back(std::string(entry.value().name) + (entry.value().kind == NodeKind::Directory ? "/" : ""));
        }
        EXPECT_TRUE(fs.close(kShell, fd).ok());
        return names;
    }

    FileSystem fs;
};

}  // namespace

TEST_F(FileSystemTest, CreateWriteCloseReopenRead) {
    put("/hello", "hello, world\n");
    EXPECT_EQ(get("/hello"), "hello, world\n");
    EXPECT_EQ(fs.stat(p("/hello")).value().size, 13u);
    EXPECT_TRUE(fs.core().is_consistent());
}

TEST_F(FileSystemTest, ReadsAdvanceTheOffset) {
    put("/f", "abcdef");
    int32_t fd = open("/f", kOpenRead);
    char buffer[4] = {};
    EXPECT_EQ(fs.read(kShell, fd, buffer, 4).value(), 4u);
    EXPECT_EQ(std::string(buffer, 4), "abcd");
    EXPECT_EQ(fs.read(kShell, fd, buffer, 4).value(), 2u);
    EXPECT_EQ(std::string(buffer, 2), "ef");
    EXPECT_EQ(fs.read(kShell, fd, buffer, 4).value(), 0u);
}

TEST_F(FileSystemTest, OpenMissingWithoutCreateIsNotFound) {
    EXPECT_EQ(fs.open(kShell, p("/missing"), kOpenRead).error(), Error::NotFound);
    EXPECT_EQ(fs.open(kShell, p("/no/dir/f"), kOpenWrite | kOpenCreate).error(), Error::NotFound);
}

TEST_F(FileSystemTest, ExclusiveCreateOfExistingFileFails) {
    put("/f", "x");
    EXPECT_EQ(fs.open(kShell, p("/f"), kOpenWrite | kOpenCreate | kOpenExclusive).error(), Error::AlreadyExists);
    EXPECT_TRUE(fs.open(kShell, p("/g"), kOpenWrite | kOpenCreate | kOpenExclusive).ok());
}

TEST_F(FileSystemTest, TruncateOnOpenEmptiesTheFile) {
    put("/f", "long contents");
    int32_t fd = open("/f", kOpenWrite | kOpenTruncate);
    EXPECT_EQ(fs.stat_descriptor(kShell, fd).value().size, 0u);
}

TEST_F(FileSystemTest, AppendAlwaysWritesAtTheEnd) {
    put("/log", "one\n");
    int32_t a = open("/log", kOpenAppend);
    int32_t b = open("/log", kOpenAppend);
    ASSERT_TRUE(fs.write(kShell, a, "two\n", 4).ok());
    ASSERT_TRUE(fs.write(kShell, b, "three\n", 6).ok());
    ASSERT_TRUE(fs.seek(kShell, a, 0, Whence::Set).ok());
    ASSERT_TRUE(fs.write(kShell, a, "four\n", 5).ok());
    EXPECT_EQ(get("/log"), "one\ntwo\nthree\nfour\n");
}

TEST_F(FileSystemTest, BadFlagCombinationsAreInvalid) {
    put("/f", "x");
    EXPECT_EQ(fs.open(kShell, p("/f"), 0).error(), Error::InvalidArgument);
    EXPECT_EQ(fs.open(kShell, p("/f"), kOpenRead | kOpenTruncate).error(), Error::InvalidArgument);
    EXPECT_EQ(fs.open(kShell, p("/f"), kOpenRead | kOpenExclusive).error(), Error::InvalidArgument);
    EXPECT_EQ(fs.open(kShell, p("/f"), 0x1000 | kOpenRead).error(), Error::InvalidArgument);
}

TEST_F(FileSystemTest, AccessModeIsEnforced) {
    put("/f", "x");
    int32_t ro = open("/f", kOpenRead);
    int32_t wo = open("/f", kOpenWrite);
    char byte;
    EXPECT_EQ(fs.write(kShell, ro, "y", 1).error(), Error::BadFileDescriptor);
    EXPECT_EQ(fs.read(kShell, wo, &byte, 1).error(), Error::BadFileDescriptor);
}

TEST_F(FileSystemTest, OpeningADirectoryIsADirectory) {
    ASSERT_TRUE(fs.make_directory(p("/d")).ok());
    EXPECT_EQ(fs.open(kShell, p("/d"), kOpenRead).error(), Error::IsADirectory);
    EXPECT_EQ(fs.open(kShell, p("/"), kOpenWrite | kOpenCreate).error(), Error::IsADirectory);
    EXPECT_EQ(fs.open(kShell, p("/d"), kOpenWrite | kOpenDirectory).error(), Error::IsADirectory);
}

TEST_F(FileSystemTest, DirectoryOpenOnlyForDirectories) {
    put("/f", "x");
    EXPECT_EQ(fs.open(kShell, p("/f"), kOpenRead | kOpenDirectory).error(), Error::NotADirectory);
    EXPECT_EQ(fs.open(kShell, p("/new"), kOpenRead | kOpenCreate | kOpenDirectory).error(), Error::NotFound);
    int32_t fd = open("/", kOpenRead | kOpenDirectory);
    char byte;
    EXPECT_EQ(fs.read(kShell, fd, &byte, 1).error(), Error::IsADirectory);
    int32_t file_fd = open("/f", kOpenRead);
    EXPECT_EQ(fs.read_directory(kShell, file_fd, 0).error(), Error::NotADirectory);
    EXPECT_EQ(fs.read_directory(kOther, fd, 0).error(), Error::BadFileDescriptor);
    EXPECT_TRUE(fs.read_directory(kShell, fd, 1).value().end);
    EXPECT_TRUE(fs.read_directory(kShell, fd, 0xffffffffu).value().end);
}

TEST_F(FileSystemTest, DescriptorsBelongToTheirClient) {
    put("/f", "secret");
    int32_t fd = open("/f", kOpenRead);
    char buffer[8];
    EXPECT_EQ(fs.read(kOther, fd, buffer, 8).error(), Error::BadFileDescriptor);
    EXPECT_EQ(fs.close(kOther, fd).error(), Error::BadFileDescriptor);
    EXPECT_TRUE(fs.close(kShell, fd).ok());
    EXPECT_EQ(fs.close(kShell, fd).error(), Error::BadFileDescriptor);
    EXPECT_EQ(fs.read(kShell, 77, buffer, 8).error(), Error::BadFileDescriptor);
}

TEST_F(FileSystemTest, TooManyOpenFiles) {
    put("/f", "x");
    for (uint32_t i = 0; i < kMaxFilesPerClient; ++i) open("/f", kOpenRead);
    EXPECT_EQ(fs.open(kShell, p("/f"), kOpenRead).error(), Error::TooManyOpenFiles);
    EXPECT_EQ(fs.close_all(kShell), kMaxFilesPerClient);
    EXPECT_TRUE(fs.open(kShell, p("/f"), kOpenRead).ok());
}

TEST_F(FileSystemTest, SeekSetCurrentEndAndBounds) {
    put("/f", "0123456789");
    int32_t fd = open("/f", kOpenRead | kOpenWrite);
    EXPECT_EQ(fs.seek(kShell, fd, 3, Whence::Set).value(), 3u);
    EXPECT_EQ(fs.seek(kShell, fd, 2, Whence::Current).value(), 5u);
    EXPECT_EQ(fs.seek(kShell, fd, -1, Whence::End).value(), 9u);
    char byte;
    ASSERT_EQ(fs.read(kShell, fd, &byte, 1).value(), 1u);
    EXPECT_EQ(byte, '9');
    EXPECT_EQ(fs.seek(kShell, fd, -11, Whence::End).error(), Error::InvalidArgument);
    EXPECT_EQ(fs.seek(kShell, fd, INT64_MAX, Whence::Current).error(), Error::InvalidArgument);
    EXPECT_EQ(fs.seek(kShell, fd, INT64_MIN, Whence::Current).error(), Error::InvalidArgument);
    EXPECT_EQ(fs.seek(kShell, fd, 0, static_cast<Whence>(9)).error(), Error::InvalidArgument);
    EXPECT_EQ(fs.seek(kShell, fd, 0, Whence::Current).value(), 10u);
}

TEST_F(FileSystemTest, MkdirListAndNestedFiles) {
    ASSERT_TRUE(fs.make_directory(p("/etc")).ok());
    ASSERT_TRUE(fs.make_directory(p("/etc/rc.d")).ok());
    put("/etc/motd", "hi");
    EXPECT_EQ(ls("/etc"), (std::vector<std::string>{"motd", "rc.d/"}));
    EXPECT_EQ(ls("/"), (std::vector<std::string>{"etc/"}));
    EXPECT_EQ(fs.make_directory(p("/etc")).error(), Error::AlreadyExists);
    EXPECT_EQ(fs.make_directory(p("/")).error(), Error::AlreadyExists);
    EXPECT_EQ(fs.make_directory(p("/etc/motd/x")).error(), Error::NotADirectory);
    EXPECT_EQ(fs.open(kShell, p("/nope"), kOpenRead | kOpenDirectory).error(), Error::NotFound);
}

TEST_F(FileSystemTest, UnlinkFilesAndEmptyDirectories) {
    ASSERT_TRUE(fs.make_directory(p("/d")).ok());
    put("/d/f", "x");
    EXPECT_EQ(fs.unlink(p("/d")).error(), Error::NotEmpty);
    ASSERT_TRUE(fs.unlink(p("/d/f")).ok());
    ASSERT_TRUE(fs.unlink(p("/d")).ok());
    EXPECT_EQ(fs.unlink(p("/d")).error(), Error::NotFound);
    EXPECT_EQ(fs.unlink(p("/")).error(), Error::Busy);
    EXPECT_TRUE(ls("/").empty());
}

TEST_F(FileSystemTest, UnlinkedOpenFileStaysReadableUntilClose) {
    put("/tmpfile", "still here");
    int32_t fd = open("/tmpfile", kOpenRead);
    ASSERT_TRUE(fs.unlink(p("/tmpfile")).ok());
    EXPECT_EQ(fs.stat(p("/tmpfile")).error(), Error::NotFound);
    char buffer[16];
    EXPECT_EQ(fs.read(kShell, fd, buffer, sizeof buffer).value(), 10u);
    ASSERT_TRUE(fs.close(kShell, fd).ok());
    EXPECT_EQ(fs.core().inodes_in_use(), 1u);
    EXPECT_TRUE(fs.core().is_consistent());
}

TEST_F(FileSystemTest, RenameFilesAndDirectoriesAcrossDirectories) {
    ASSERT_TRUE(fs.make_directory(p("/a")).ok());
    ASSERT_TRUE(fs.make_directory(p("/b")).ok());
    put("/a/f", "moved");
    ASSERT_TRUE(fs.rename(p("/a/f"), p("/b/g")).ok());
    EXPECT_EQ(get("/b/g"), "moved");
    ASSERT_TRUE(fs.rename(p("/b"), p("/a/b")).ok());
    EXPECT_EQ(get("/a/b/g"), "moved");
    EXPECT_EQ(ls("/"), (std::vector<std::string>{"a/"}));
    EXPECT_TRUE(fs.core().is_consistent());
}

TEST_F(FileSystemTest, RenameErrors) {
    ASSERT_TRUE(fs.make_directory(p("/a")).ok());
    ASSERT_TRUE(fs.make_directory(p("/a/b")).ok());
    EXPECT_EQ(fs.rename(p("/a"), p("/a/b/a")).error(), Error::InvalidArgument);
    EXPECT_EQ(fs.rename(p("/missing"), p("/x")).error(), Error::NotFound);
    EXPECT_EQ(fs.rename(p("/a"), p("/missing/x")).error(), Error::NotFound);
    EXPECT_EQ(fs.rename(p("/"), p("/x")).error(), Error::Busy);
    EXPECT_EQ(fs.rename(p("/a"), p("/")).error(), Error::InvalidArgument);
    std::string long_name = "/" + std::string(kNameMax + 1, 'n');
    EXPECT_EQ(fs.rename(p("/a"), p(long_name.c_str())).error(), Error::NameTooLong);
    EXPECT_TRUE(fs.stat(p("/a/b")).ok());
}

TEST_F(FileSystemTest, OpenFileFollowsARename) {
    put("/f", "abc");
    int32_t fd = open("/f", kOpenRead);
    ASSERT_TRUE(fs.rename(p("/f"), p("/g")).ok());
    char buffer[3];
    EXPECT_EQ(fs.read(kShell, fd, buffer, 3).value(), 3u);
}

TEST_F(FileSystemTest, PeekThenConsumeIsAZeroCopyRead) {
    put("/f", "abcdef");
    int32_t fd = open("/f", kOpenRead);
    auto bytes = fs.peek_read(kShell, fd, 4);
    ASSERT_TRUE(bytes.ok());
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(bytes.value().data), bytes.value().length), "abcd");
    EXPECT_EQ(fs.peek_read(kShell, fd, 4).value().length, 4u);  // peeking does not move
    ASSERT_TRUE(fs.consume_read(kShell, fd, 4).ok());
    EXPECT_EQ(fs.peek_read(kShell, fd, 100).value().length, 2u);
    EXPECT_EQ(fs.consume_read(kShell, fd, 3).error(), Error::InvalidArgument);  // past the end
    ASSERT_TRUE(fs.consume_read(kShell, fd, 2).ok());
    EXPECT_EQ(fs.peek_read(kShell, fd, 100).value().length, 0u);
    int32_t write_only = open("/f", kOpenWrite);
    EXPECT_EQ(fs.peek_read(kShell, write_only, 1).error(), Error::BadFileDescriptor);
}
