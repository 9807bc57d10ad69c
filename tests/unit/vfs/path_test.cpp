// path_test.cpp — host tests of absolute path resolution.
#include <gtest/gtest.h>

#include <string>

#include "path.h"

using namespace vfs;
using neurath::Error;

namespace {

class PathTest : public ::testing::Test {
protected:
    void SetUp() override {
        bin = fs.create(kRootInode, name_of("bin"), NodeKind::Directory).value();
        sh = fs.create(bin, name_of("sh"), NodeKind::File).value();
        etc = fs.create(kRootInode, name_of("etc"), NodeKind::Directory).value();
    }
    Result<InodeId> lookup(const std::string& path) { return resolve(fs, path.data(), path.size()); }

    FsCore fs;
    InodeId bin = kNoInode, sh = kNoInode, etc = kNoInode;
};

}  // namespace

TEST_F(PathTest, ResolvesRootAndNestedNames) {
    EXPECT_EQ(lookup("/").value(), kRootInode);
    EXPECT_EQ(lookup("/bin").value(), bin);
    EXPECT_EQ(lookup("/bin/sh").value(), sh);
}

TEST_F(PathTest, ToleratesRepeatedAndTrailingSlashes) {
    EXPECT_EQ(lookup("//bin///sh").value(), sh);
    EXPECT_EQ(lookup("/bin/").value(), bin);
    EXPECT_EQ(lookup("///").value(), kRootInode);
}

TEST_F(PathTest, UnderstandsDotAndDotDot) {
    EXPECT_EQ(lookup("/bin/./sh").value(), sh);
    EXPECT_EQ(lookup("/bin/../etc").value(), etc);
    EXPECT_EQ(lookup("/..").value(), kRootInode);
    EXPECT_EQ(lookup("/../../bin/sh").value(), sh);
}

TEST_F(PathTest, ReportsClearErrors) {
    EXPECT_EQ(lookup("/nope").error(), Error::NotFound);
    EXPECT_EQ(lookup("/bin/nope").error(), Error::NotFound);
    EXPECT_EQ(lookup("/bin/sh/x").error(), Error::NotADirectory);
    EXPECT_EQ(lookup("/bin/sh/..").error(), Error::NotADirectory);
    EXPECT_EQ(lookup("bin/sh").error(), Error::InvalidArgument);
    EXPECT_EQ(lookup("").error(), Error::InvalidArgument);
    EXPECT_EQ(lookup(std::string("/bin\0/sh", 8)).error(), Error::InvalidArgument);
    EXPECT_EQ(lookup("/" + std::string(kNameMax + 1, 'a')).error(), Error::NameTooLong);
    EXPECT_EQ(lookup(std::string(kPathMax + 1, '/')).error(), Error::NameTooLong);
    EXPECT_EQ(resolve(fs, nullptr, 4).error(), Error::InvalidArgument);
}

TEST_F(PathTest, ResolvesOnlyWithinTheGivenLength) {
    const std::string path = "/bin/sh";
    EXPECT_EQ(resolve(fs, path.data(), 4).value(), bin);
}

TEST_F(PathTest, ParentAndNameOfNewEntry) {
    const std::string path = "/bin/new/";
    auto where = resolve_parent(fs, path.data(), path.size());
    ASSERT_TRUE(where.ok());
    EXPECT_EQ(where.value().directory, bin);
    EXPECT_EQ(std::string(where.value().name.text, where.value().name.length), "new");
}

TEST_F(PathTest, ParentErrors) {
    auto parent = [&](const std::string& path) { return resolve_parent(fs, path.data(), path.size()); };
    EXPECT_EQ(parent("/").error(), Error::InvalidArgument);
    EXPECT_EQ(parent("/bin/..").error(), Error::InvalidArgument);
    EXPECT_EQ(parent("/nope/x").error(), Error::NotFound);
    EXPECT_EQ(parent("/bin/sh/x").error(), Error::NotADirectory);
    EXPECT_EQ(parent("/bin/" + std::string(kNameMax + 1, 'a')).error(), Error::NameTooLong);
}
