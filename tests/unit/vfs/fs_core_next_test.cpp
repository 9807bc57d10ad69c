// fs_core_next_test.cpp — host tests of what vfs version 2 (vfs.next,
// servers/vfs/versions/next.patch) adds to the core: directory entries in a
// hash table that still lists in name order, modification counts, and the
// index rebuilt from parent links after a live update. Built against the
// patched copy; fs_core_test.cpp runs on it too, unchanged.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "fs_core.h"

using namespace vfs;
using neurath::Error;

namespace {

Name n(const char* text) { return name_of(text); }

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

TEST(FsCoreNext, ManyEntriesAreFoundAndListedInNameOrder) {
    FsCore fs;
    InodeId a = fs.create(kRootInode, n("a"), NodeKind::Directory).value();
    InodeId b = fs.create(kRootInode, n("b"), NodeKind::Directory).value();
    std::vector<std::string> expected;
    for (int i = 199; i >= 0; --i) {
        char name[16];
        std::snprintf(name, sizeof name, "f%03d", i);
        ASSERT_TRUE(fs.create(a, n(name), NodeKind::File).ok()) << name;
        ASSERT_TRUE(fs.create(b, n(name), NodeKind::File).ok()) << name;  // same names, other directory
        expected.insert(expected.begin(), name);
    }
    EXPECT_EQ(list(fs, a), expected);
    EXPECT_EQ(fs.stat(a).value().size, 200u);
    for (const std::string& name : expected) {
        const InodeId in_a = fs.lookup_child(a, n(name.c_str())).value();
        const InodeId in_b = fs.lookup_child(b, n(name.c_str())).value();
        EXPECT_NE(in_a, in_b);
        EXPECT_EQ(fs.parent_of(in_a), a);
    }
    ASSERT_TRUE(fs.remove(a, n("f100")).ok());
    EXPECT_EQ(fs.lookup_child(a, n("f100")).error(), Error::NotFound);
    EXPECT_TRUE(fs.lookup_child(b, n("f100")).ok());
    EXPECT_TRUE(fs.is_consistent());
}

TEST(FsCoreNext, ModificationsCountContentAndEntryChanges) {
    FsCore fs;
    InodeId d = fs.create(kRootInode, n("d"), NodeKind::Directory).value();
    EXPECT_EQ(fs.modifications(d), 0u);
    InodeId f = fs.create(d, n("f"), NodeKind::File).value();
    EXPECT_EQ(fs.modifications(d), 1u);
    EXPECT_EQ(fs.modifications(f), 0u);
    ASSERT_TRUE(fs.write(f, 0, "abc", 3).ok());
    ASSERT_TRUE(fs.write(f, 3, "", 0).ok());  // nothing changed
    ASSERT_TRUE(fs.truncate(f, 1).ok());
    ASSERT_TRUE(fs.truncate(f, 1).ok());      // nothing changed
    EXPECT_EQ(fs.modifications(f), 2u);
    ASSERT_TRUE(fs.rename(d, n("f"), kRootInode, n("g")).ok());
    EXPECT_EQ(fs.modifications(d), 2u);
    EXPECT_EQ(fs.modifications(kRootInode), 2u);  // d created, g moved in
    EXPECT_EQ(fs.modifications(kNoInode), 0u);
}

TEST(FsCoreNext, RebuildingTheIndexKeepsTheTree) {
    FsCore fs;
    InodeId d = fs.create(kRootInode, n("dir"), NodeKind::Directory).value();
    for (const char* name : {"zeta", "alpha", "mid"}) ASSERT_TRUE(fs.create(d, n(name), NodeKind::File).ok());
    InodeId open = fs.create(kRootInode, n("open"), NodeKind::File).value();
    fs.retain(open);
    ASSERT_TRUE(fs.remove(kRootInode, n("open")).ok());
    const uint64_t changes = fs.modifications(d);

    ASSERT_TRUE(fs.rebuild_index().ok());
    EXPECT_EQ(list(fs, d), (std::vector<std::string>{"alpha", "mid", "zeta"}));
    EXPECT_EQ(list(fs, kRootInode), std::vector<std::string>{"dir"});
    EXPECT_EQ(fs.stat(d).value().size, 3u);
    EXPECT_EQ(fs.modifications(d), changes);
    EXPECT_TRUE(fs.lookup_child(d, n("mid")).ok());
    EXPECT_TRUE(fs.is_consistent());
}
