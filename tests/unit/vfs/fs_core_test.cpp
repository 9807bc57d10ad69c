// fs_core_test.cpp — host tests of the inode table and tree operations.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fs_core.h"

using namespace vfs;
using neurath::Error;

namespace {

Name n(const char* text) { return name_of(text); }

std::string read_all(const FsCore& fs, InodeId file) {
    std::string out(1 << 16, '\0');
    auto got = fs.read(file, 0, out.data(), out.size());
    EXPECT_TRUE(got.ok());
    out.resize(got.value());
    return out;
}

std::vector<std::string> list(const FsCore& fs, InodeId directory) {
    std::vector<std::string> names;
    for (uint32_t i = 0;; ++i) {
        auto entry = fs.entry_at(directory, i);
        EXPECT_TRUE(entry.ok());
        if (entry.value().end) break;
        names.push_back(entry.value().name);
    }
    return names;
}

}  // namespace

TEST(FsCore, StartsWithAnEmptyRoot) {
    FsCore fs;
    EXPECT_TRUE(fs.is_directory(kRootInode));
    EXPECT_EQ(fs.inodes_in_use(), 1u);
    EXPECT_TRUE(list(fs, kRootInode).empty());
    EXPECT_TRUE(fs.is_consistent());
}

TEST(FsCore, CreateWriteReadRoundTrip) {
    FsCore fs;
    auto file = fs.create(kRootInode, n("motd"), NodeKind::File);
    ASSERT_TRUE(file.ok());
    ASSERT_EQ(fs.write(file.value(), 0, "hello", 5).value(), 5u);
    ASSERT_EQ(fs.write(file.value(), 5, " world", 6).value(), 6u);
    EXPECT_EQ(read_all(fs, file.value()), "hello world");
    EXPECT_EQ(fs.stat(file.value()).value().size, 11u);
    char part[4] = {};
    EXPECT_EQ(fs.read(file.value(), 6, part, 3).value(), 3u);
    EXPECT_EQ(std::string(part, 3), "wor");
    EXPECT_EQ(fs.read(file.value(), 100, part, 3).value(), 0u);
    EXPECT_TRUE(fs.is_consistent());
}

TEST(FsCore, LargeFileGrowsAcrossManyWrites) {
    FsCore fs;
    InodeId file = fs.create(kRootInode, n("big"), NodeKind::File).value();
    std::string expected;
    for (int i = 0; i < 1000; ++i) {
        std::string piece = std::to_string(i) + ",";
        ASSERT_TRUE(fs.write(file, expected.size(), piece.data(), piece.size()).ok());
        expected += piece;
    }
    EXPECT_EQ(read_all(fs, file), expected);
    EXPECT_TRUE(fs.is_consistent());
}

TEST(FsCore, WritePastEndZeroFills) {
    FsCore fs;
    InodeId file = fs.create(kRootInode, n("sparse"), NodeKind::File).value();
    ASSERT_TRUE(fs.write(file, 4, "x", 1).ok());
    EXPECT_EQ(read_all(fs, file), std::string("\0\0\0\0x", 5));
}

TEST(FsCore, WriteBeyondMaximumSizeIsTooBig) {
    FsCore fs;
    InodeId file = fs.create(kRootInode, n("f"), NodeKind::File).value();
    EXPECT_EQ(fs.write(file, kMaxFileSize, "x", 1).error(), Error::TooBig);
    EXPECT_EQ(fs.write(file, ~0ull - 1, "xy", 2).error(), Error::TooBig);
    EXPECT_EQ(fs.truncate(file, kMaxFileSize + 1).error(), Error::TooBig);
    EXPECT_EQ(fs.stat(file).value().size, 0u);
}

TEST(FsCore, TotalCapacityIsBoundedWithNoSpace) {
    FsCore fs;
    std::string block(kMaxFileSize, 'z');
    Error last = Error::None;
    uint32_t files = 0;
    for (; files < 20 && last == Error::None; ++files) {
        std::string name = "f" + std::to_string(files);
        InodeId file = fs.create(kRootInode, n(name.c_str()), NodeKind::File).value();
        auto written = fs.write(file, 0, block.data(), block.size());
        last = written.ok() ? Error::None : written.error();
    }
    EXPECT_EQ(last, Error::NoSpace);
    EXPECT_LE(fs.bytes_reserved(), kCapacityBytes);
    EXPECT_TRUE(fs.is_consistent());
}

TEST(FsCore, TruncateShrinksAndGrows) {
    FsCore fs;
    InodeId file = fs.create(kRootInode, n("t"), NodeKind::File).value();
    ASSERT_TRUE(fs.write(file, 0, "abcdef", 6).ok());
    ASSERT_TRUE(fs.truncate(file, 2).ok());
    EXPECT_EQ(read_all(fs, file), "ab");
    ASSERT_TRUE(fs.truncate(file, 4).ok());
    EXPECT_EQ(read_all(fs, file), std::string("ab\0\0", 4));
}

TEST(FsCore, DirectoriesListChildrenSortedByName) {
    FsCore fs;
    for (const char* name : {"zeta", "alpha", "mid", "beta"}) {
        ASSERT_TRUE(fs.create(kRootInode, n(name), NodeKind::File).ok());
    }
    EXPECT_EQ(list(fs, kRootInode), (std::vector<std::string>{"alpha", "beta", "mid", "zeta"}));
    EXPECT_EQ(fs.stat(kRootInode).value().size, 4u);
}

TEST(FsCore, NamesAreValidated) {
    FsCore fs;
    EXPECT_EQ(fs.create(kRootInode, n(""), NodeKind::File).error(), Error::InvalidArgument);
    EXPECT_EQ(fs.create(kRootInode, n("."), NodeKind::File).error(), Error::InvalidArgument);
    EXPECT_EQ(fs.create(kRootInode, n(".."), NodeKind::File).error(), Error::InvalidArgument);
    EXPECT_EQ(fs.create(kRootInode, n("a/b"), NodeKind::File).error(), Error::InvalidArgument);
    std::string longest(kNameMax, 'l');
    EXPECT_TRUE(fs.create(kRootInode, n(longest.c_str()), NodeKind::File).ok());
    std::string too_long(kNameMax + 1, 'l');
    EXPECT_EQ(fs.create(kRootInode, n(too_long.c_str()), NodeKind::File).error(), Error::NameTooLong);
}

TEST(FsCore, DuplicateNameExists) {
    FsCore fs;
    ASSERT_TRUE(fs.create(kRootInode, n("x"), NodeKind::File).ok());
    EXPECT_EQ(fs.create(kRootInode, n("x"), NodeKind::Directory).error(), Error::AlreadyExists);
}

TEST(FsCore, CreateInsideAFileIsNotADirectory) {
    FsCore fs;
    InodeId file = fs.create(kRootInode, n("f"), NodeKind::File).value();
    EXPECT_EQ(fs.create(file, n("x"), NodeKind::File).error(), Error::NotADirectory);
    EXPECT_EQ(fs.lookup_child(file, n("x")).error(), Error::NotADirectory);
}

TEST(FsCore, ReadingADirectoryIsADirectory) {
    FsCore fs;
    char byte;
    EXPECT_EQ(fs.read(kRootInode, 0, &byte, 1).error(), Error::IsADirectory);
    EXPECT_EQ(fs.write(kRootInode, 0, "x", 1).error(), Error::IsADirectory);
}

TEST(FsCore, InodeTableIsBounded) {
    FsCore fs;
    Error last = Error::None;
    for (uint32_t i = 0; i < kMaxInodes + 5 && last == Error::None; ++i) {
        std::string name = "n" + std::to_string(i);
        auto made = fs.create(kRootInode, n(name.c_str()), NodeKind::File);
        last = made.ok() ? Error::None : made.error();
    }
    EXPECT_EQ(last, Error::NoSpace);
    EXPECT_EQ(fs.inodes_in_use(), kMaxInodes);
    EXPECT_TRUE(fs.is_consistent());
}

TEST(FsCore, RemoveFreesFileAndRefusesNonEmptyDirectory) {
    FsCore fs;
    InodeId dir = fs.create(kRootInode, n("d"), NodeKind::Directory).value();
    ASSERT_TRUE(fs.create(dir, n("f"), NodeKind::File).ok());
    EXPECT_EQ(fs.remove(kRootInode, n("d")).error(), Error::NotEmpty);
    ASSERT_TRUE(fs.remove(dir, n("f")).ok());
    ASSERT_TRUE(fs.remove(kRootInode, n("d")).ok());
    EXPECT_EQ(fs.inodes_in_use(), 1u);
    EXPECT_EQ(fs.remove(kRootInode, n("d")).error(), Error::NotFound);
    EXPECT_TRUE(fs.is_consistent());
}

TEST(FsCore, RemovedOpenFileLivesUntilReleased) {
    FsCore fs;
    InodeId file = fs.create(kRootInode, n("f"), NodeKind::File).value();
    ASSERT_TRUE(fs.write(file, 0, "data", 4).ok());
    fs.retain(file);
    ASSERT_TRUE(fs.remove(kRootInode, n("f")).ok());
    EXPECT_EQ(fs.lookup_child(kRootInode, n("f")).error(), Error::NotFound);
    EXPECT_EQ(read_all(fs, file), "data");
    EXPECT_TRUE(fs.is_consistent());
    fs.release(file);
    EXPECT_EQ(fs.inodes_in_use(), 1u);
    EXPECT_EQ(fs.bytes_reserved(), 0u);
    EXPECT_TRUE(fs.is_consistent());
}

TEST(FsCore, RenameWithinAndAcrossDirectories) {
    FsCore fs;
    InodeId a = fs.create(kRootInode, n("a"), NodeKind::Directory).value();
    InodeId b = fs.create(kRootInode, n("b"), NodeKind::Directory).value();
    InodeId f = fs.create(a, n("f"), NodeKind::File).value();
    ASSERT_TRUE(fs.rename(a, n("f"), a, n("g")).ok());
    EXPECT_EQ(fs.lookup_child(a, n("g")).value(), f);
    ASSERT_TRUE(fs.rename(a, n("g"), b, n("h")).ok());
    EXPECT_EQ(fs.lookup_child(b, n("h")).value(), f);
    EXPECT_EQ(fs.lookup_child(a, n("g")).error(), Error::NotFound);
    ASSERT_TRUE(fs.rename(kRootInode, n("b"), a, n("b2")).ok());
    EXPECT_EQ(fs.lookup_child(a, n("b2")).value(), b);
    EXPECT_EQ(fs.parent_of(b), a);
    EXPECT_TRUE(fs.is_consistent());
}

TEST(FsCore, RenameReplacesFileButNotAcrossKinds) {
    FsCore fs;
    InodeId x = fs.create(kRootInode, n("x"), NodeKind::File).value();
    ASSERT_TRUE(fs.write(x, 0, "new", 3).ok());
    ASSERT_TRUE(fs.create(kRootInode, n("y"), NodeKind::File).ok());
    InodeId d = fs.create(kRootInode, n("d"), NodeKind::Directory).value();
    ASSERT_TRUE(fs.create(d, n("inner"), NodeKind::File).ok());
    InodeId e = fs.create(kRootInode, n("e"), NodeKind::Directory).value();

    ASSERT_TRUE(fs.rename(kRootInode, n("x"), kRootInode, n("y")).ok());
    EXPECT_EQ(read_all(fs, fs.lookup_child(kRootInode, n("y")).value()), "new");
    EXPECT_EQ(fs.rename(kRootInode, n("y"), kRootInode, n("d")).error(), Error::IsADirectory);
    EXPECT_EQ(fs.rename(kRootInode, n("d"), kRootInode, n("y")).error(), Error::NotADirectory);
    EXPECT_EQ(fs.rename(kRootInode, n("e"), kRootInode, n("d")).error(), Error::NotEmpty);
    ASSERT_TRUE(fs.rename(kRootInode, n("d"), kRootInode, n("e")).ok());
    EXPECT_EQ(fs.lookup_child(kRootInode, n("e")).value(), d);
    (void)e;
    EXPECT_TRUE(fs.is_consistent());
}

TEST(FsCore, RenameIntoOwnSubtreeIsRefused) {
    FsCore fs;
    InodeId a = fs.create(kRootInode, n("a"), NodeKind::Directory).value();
    InodeId b = fs.create(a, n("b"), NodeKind::Directory).value();
    EXPECT_EQ(fs.rename(kRootInode, n("a"), b, n("a")).error(), Error::InvalidArgument);
    EXPECT_EQ(fs.rename(kRootInode, n("a"), a, n("self")).error(), Error::InvalidArgument);
    EXPECT_EQ(fs.parent_of(a), kRootInode);
    EXPECT_TRUE(fs.is_consistent());
}

TEST(FsCore, RenameOntoItselfChangesNothing) {
    FsCore fs;
    InodeId f = fs.create(kRootInode, n("f"), NodeKind::File).value();
    ASSERT_TRUE(fs.rename(kRootInode, n("f"), kRootInode, n("f")).ok());
    EXPECT_EQ(fs.lookup_child(kRootInode, n("f")).value(), f);
}

TEST(FsCore, BadInodeNumbersAreErrorsNotCrashes) {
    FsCore fs;
    char byte;
    EXPECT_TRUE(fs.read(kNoInode, 0, &byte, 1).is_error());
    EXPECT_TRUE(fs.read(kMaxInodes + 7, 0, &byte, 1).is_error());
    EXPECT_TRUE(fs.stat(123).is_error());
    EXPECT_TRUE(fs.entry_at(99, 0).is_error());
    fs.retain(kNoInode);
    fs.release(300);
    EXPECT_TRUE(fs.is_consistent());
}
