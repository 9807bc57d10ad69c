// open_files_test.cpp — host tests of the bounded per-client descriptor tables.
#include <gtest/gtest.h>

#include "open_files.h"

using namespace vfs;
using neurath::Error;

TEST(OpenFileTable, DescriptorsArePerClientAndLowestFirst) {
    OpenFileTable table;
    EXPECT_EQ(table.install(20, 5, kModeRead).value(), 0);
    EXPECT_EQ(table.install(20, 6, kModeRead).value(), 1);
    EXPECT_EQ(table.install(21, 7, kModeWrite).value(), 0);
    EXPECT_EQ(table.lookup(20, 1).value()->inode, 6u);
    EXPECT_EQ(table.lookup(21, 0).value()->inode, 7u);
    EXPECT_EQ(table.remove(20, 0).value(), 5u);
    EXPECT_EQ(table.install(20, 8, kModeRead).value(), 0);
    EXPECT_EQ(table.clients_in_use(), 2u);
}

TEST(OpenFileTable, ForeignOrStaleDescriptorsAreBad) {
    OpenFileTable table;
    ASSERT_EQ(table.install(20, 5, kModeRead).value(), 0);
    EXPECT_EQ(table.lookup(21, 0).error(), Error::BadFileDescriptor);
    EXPECT_EQ(table.lookup(20, 1).error(), Error::BadFileDescriptor);
    EXPECT_EQ(table.lookup(20, -1).error(), Error::BadFileDescriptor);
    EXPECT_EQ(table.lookup(20, 1 << 30).error(), Error::BadFileDescriptor);
    ASSERT_TRUE(table.remove(20, 0).ok());
    EXPECT_EQ(table.remove(20, 0).error(), Error::BadFileDescriptor);
}

TEST(OpenFileTable, TooManyFilesPerClient) {
    OpenFileTable table;
    for (uint32_t i = 0; i < kMaxFilesPerClient; ++i) ASSERT_TRUE(table.install(30, i, kModeRead).ok());
    EXPECT_EQ(table.install(30, 99, kModeRead).error(), Error::TooManyOpenFiles);
    EXPECT_TRUE(table.install(31, 99, kModeRead).ok());
}

TEST(OpenFileTable, TooManyClients) {
    OpenFileTable table;
    for (uint32_t i = 0; i < kMaxClients; ++i) ASSERT_TRUE(table.install(100 + i, 1, kModeRead).ok());
    EXPECT_EQ(table.install(99, 1, kModeRead).error(), Error::TooManyOpenFiles);
    ASSERT_TRUE(table.remove(100, 0).ok());  // last file of that client frees its slot
    EXPECT_TRUE(table.install(99, 1, kModeRead).ok());
}

TEST(OpenFileTable, RemoveAllReturnsEveryInodeAndFreesTheSlot) {
    OpenFileTable table;
    ASSERT_TRUE(table.install(40, 3, kModeRead).ok());
    ASSERT_TRUE(table.install(40, 4, kModeRead).ok());
    InodeId closed[kMaxFilesPerClient];
    ASSERT_EQ(table.remove_all(40, closed), 2u);
    EXPECT_EQ(closed[0], 3u);
    EXPECT_EQ(closed[1], 4u);
    EXPECT_EQ(table.clients_in_use(), 0u);
    EXPECT_EQ(table.remove_all(40, closed), 0u);
}

TEST(OpenFileTable, InvalidClientIsRejected) {
    OpenFileTable table;
    EXPECT_EQ(table.install(neurath::kNone, 1, kModeRead).error(), Error::InvalidArgument);
    EXPECT_EQ(table.lookup(neurath::kNone, 0).error(), Error::BadFileDescriptor);
}
