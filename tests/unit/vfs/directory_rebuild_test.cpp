// directory_rebuild_test.cpp — host tests of FsCore::rebuild_directories,
// which a vfs started by a live update runs to rebuild its directory lists
// from the parent links (version 1 only: vfs.next indexes its tree instead).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fs_core.h"

using namespace vfs;

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

TEST(FsCore, RebuildingDirectoriesKeepsTheTreeAndItsOrder) {
    FsCore fs;
    InodeId d = fs.create(kRootInode, n("dir"), NodeKind::Directory).value();
    for (const char* name : {"zeta", "alpha", "mid"}) ASSERT_TRUE(fs.create(d, n(name), NodeKind::File).ok());
    InodeId open = fs.create(kRootInode, n("open"), NodeKind::File).value();
    fs.retain(open);
    ASSERT_TRUE(fs.remove(kRootInode, n("open")).ok());  // unlinked but alive: in no list
    const std::vector<std::string> before = list(fs, d);

    ASSERT_TRUE(fs.rebuild_directories().ok());
    EXPECT_EQ(list(fs, d), before);
    EXPECT_EQ(list(fs, kRootInode), std::vector<std::string>{"dir"});
    EXPECT_EQ(fs.stat(d).value().size, 3u);
    EXPECT_TRUE(fs.is_consistent());
    ASSERT_TRUE(fs.create(d, n("beta"), NodeKind::File).ok());
    EXPECT_EQ(list(fs, d), (std::vector<std::string>{"alpha", "beta", "mid", "zeta"}));
}
