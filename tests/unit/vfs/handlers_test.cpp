// handlers_test.cpp — host tests of the vfs request handlers through the
// framework's dispatch, with grants served by fake_grants: wire decoding,
// grant bounds, descriptor ownership, source restrictions.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>

#include <neurath/endpoint.h>
#include <protocol/vfs.h>
#include <sys/grant.h>

#include "fake_grants.h"
#include "handlers.h"

using namespace vfs;
using neurath::Error;
using neurath::Message;
namespace pv = protocol::vfs;

namespace {

constexpr neurath::Endpoint kClient = 20;

class HandlersTest : public ::testing::Test {
protected:
    void SetUp() override {
        fake_grants::reset();
        fake_grants::caller = kClient;
        state = std::make_unique<VfsState>();
    }

    const sys::DispatchTable<VfsState> table = make_table();

    template <typename Request>
    Message call(int32_t type, const Request& request, neurath::Endpoint source = kClient) {
        Message message{};
        message.source = source;
        message.type = type;
        neurath::payload_of<Request>(message) = request;
        Message reply{};
        const sys::Outcome outcome = sys::dispatch(table, *state, message, reply);
        EXPECT_EQ(outcome, sys::Outcome::SendReply);
        return reply;
    }
    static Error status(const Message& reply) { return protocol::error_of_reply(reply.type); }

    sys::Grant grant(const void* buffer, uint64_t length, uint32_t access) {
        auto made = sys::Grant::create(neurath::kVfs, buffer, length, access);
        EXPECT_TRUE(made.ok());
        return made.release_value();
    }
    Message open(const std::string& path, uint32_t flags) {
        sys::Grant g = grant(path.data(), path.size(), neurath::kGrantRead);
        return call(pv::kOpen, pv::OpenRequest{g.ref(), flags, 0});
    }
    int32_t open_fd(const std::string& path, uint32_t flags) {
        Message reply = open(path, flags);
        EXPECT_EQ(status(reply), Error::None) << path;
        return neurath::payload_of<pv::OpenReply>(reply).fd;
    }
    Message write(int32_t fd, const std::string& data) {
        sys::Grant g = grant(data.data(), data.size(), neurath::kGrantRead);
        return call(pv::kWrite, pv::WriteRequest{fd, 0, g.ref()});
    }
    Message read(int32_t fd, std::string& out, size_t capacity) {
        out.assign(capacity, '\0');
        sys::Grant g = grant(out.data(), out.size(), neurath::kGrantWrite);
        Message reply = call(pv::kRead, pv::ReadRequest{fd, 0, g.ref()});
        if (reply.type == 0) out.resize(neurath::payload_of<pv::TransferReply>(reply).bytes);
        return reply;
    }

    std::unique_ptr<VfsState> state;
};

}  // namespace

TEST_F(HandlersTest, OpenWriteSeekReadRoundTripThroughGrants) {
    const int32_t fd = open_fd("/notes", pv::kOpenRead | pv::kOpenWrite | pv::kOpenCreate);
    std::string big(10000, 'n');  // several transfer chunks
    big[9999] = '!';
    Message written = write(fd, big);
    ASSERT_EQ(status(written), Error::None);
    EXPECT_EQ(neurath::payload_of<pv::TransferReply>(written).bytes, big.size());
    Message seek = call(pv::kSeek, pv::SeekRequest{fd, pv::Whence::Set, 0});
    ASSERT_EQ(status(seek), Error::None);
    std::string back;
    ASSERT_EQ(status(read(fd, back, 20000)), Error::None);
    EXPECT_EQ(back, big);
    EXPECT_EQ(fake_grants::live_grants(), 0u);
}

TEST_F(HandlersTest, StatAndFstatDescribeFilesAndDirectories) {
    const int32_t fd = open_fd("/f", pv::kOpenWrite | pv::kOpenCreate);
    ASSERT_EQ(status(write(fd, "12345")), Error::None);
    Message fstat = call(pv::kFstat, pv::FstatRequest{fd});
    ASSERT_EQ(status(fstat), Error::None);
    EXPECT_EQ(neurath::payload_of<pv::StatReply>(fstat).size, 5u);
    EXPECT_EQ(neurath::payload_of<pv::StatReply>(fstat).type, pv::FileType::Regular);
    const std::string root = "/";
    sys::Grant g = grant(root.data(), root.size(), neurath::kGrantRead);
    Message stat = call(pv::kStat, pv::StatRequest{g.ref()});
    ASSERT_EQ(status(stat), Error::None);
    EXPECT_EQ(neurath::payload_of<pv::StatReply>(stat).type, pv::FileType::Directory);
    EXPECT_EQ(neurath::payload_of<pv::StatReply>(stat).entries, 1u);
}

TEST_F(HandlersTest, ReadDirListsThenSaysNotFound) {
    for (const char* name : {"/b", "/a"}) open_fd(name, pv::kOpenWrite | pv::kOpenCreate);
    const int32_t dir = open_fd("/", pv::kOpenRead | pv::kOpenDirectory);
    pv::DirEntry entry{};
    sys::Grant g = grant(&entry, sizeof entry, neurath::kGrantWrite);
    ASSERT_EQ(status(call(pv::kReadDir, pv::ReadDirRequest{dir, 0, g.ref()})), Error::None);
    EXPECT_STREQ(entry.name, "a");
    ASSERT_EQ(status(call(pv::kReadDir, pv::ReadDirRequest{dir, 1, g.ref()})), Error::None);
    EXPECT_STREQ(entry.name, "b");
    EXPECT_EQ(status(call(pv::kReadDir, pv::ReadDirRequest{dir, 2, g.ref()})), Error::NotFound);
}

TEST_F(HandlersTest, MkdirRenameUnlinkByPath) {
    auto path_call = [&](int32_t type, const std::string& path) {
        sys::Grant g = grant(path.data(), path.size(), neurath::kGrantRead);
        return status(call(type, pv::PathRequest{g.ref()}));
    };
    EXPECT_EQ(path_call(pv::kMkdir, "/d"), Error::None);
    EXPECT_EQ(path_call(pv::kMkdir, "/d"), Error::AlreadyExists);
    const std::string from = "/d";
    const std::string to = "/e";
    sys::Grant gf = grant(from.data(), from.size(), neurath::kGrantRead);
    sys::Grant gt = grant(to.data(), to.size(), neurath::kGrantRead);
    EXPECT_EQ(status(call(pv::kRename, pv::RenameRequest{gf.ref(), gt.ref()})), Error::None);
    EXPECT_EQ(path_call(pv::kUnlink, "/d"), Error::NotFound);
    EXPECT_EQ(path_call(pv::kUnlink, "/e"), Error::None);
}

TEST_F(HandlersTest, BadGrantsAreErrorsAndLeaveTheOffset) {
    const int32_t fd = open_fd("/f", pv::kOpenRead | pv::kOpenWrite | pv::kOpenCreate);
    ASSERT_EQ(status(write(fd, "abcdef")), Error::None);
    ASSERT_EQ(status(call(pv::kSeek, pv::SeekRequest{fd, pv::Whence::Set, 1})), Error::None);
    // A grant that claims more than it really is: the copy-out fails...
    char small[2];
    sys::Grant g = grant(small, sizeof small, neurath::kGrantWrite);
    protocol::GrantRef lying = g.ref();
    lying.length = 1ull << 40;
    EXPECT_EQ(status(call(pv::kRead, pv::ReadRequest{fd, 0, lying})), Error::BadAddress);
    // ...and the next read still starts at offset 1.
    std::string back;
    ASSERT_EQ(status(read(fd, back, 3)), Error::None);
    EXPECT_EQ(back, "bcd");
    // Random grant ids and read-only grants for a read.
    EXPECT_EQ(status(call(pv::kRead, pv::ReadRequest{fd, 0, {999, 16}})), Error::BadAddress);
    sys::Grant read_only = grant(small, sizeof small, neurath::kGrantRead);
    EXPECT_EQ(status(call(pv::kRead, pv::ReadRequest{fd, 0, read_only.ref()})), Error::PermissionDenied);
    EXPECT_EQ(status(call(pv::kOpen, pv::OpenRequest{{12345, 4}, pv::kOpenRead, 0})), Error::BadAddress);
}

TEST_F(HandlersTest, PathGrantsAreCheckedForLengthAndNul) {
    const std::string long_path = "/" + std::string(pv::kMaxPath + 10, 'p');
    EXPECT_EQ(status(open(long_path, pv::kOpenRead)), Error::NameTooLong);
    EXPECT_EQ(status(open(std::string("/a\0b", 4), pv::kOpenRead)), Error::InvalidArgument);
    EXPECT_EQ(status(call(pv::kOpen, pv::OpenRequest{{0, 0}, pv::kOpenRead, 0})), Error::InvalidArgument);
}

TEST_F(HandlersTest, UnknownFlagsAndWhenceAreInvalid) {
    EXPECT_EQ(status(open("/f", pv::kOpenRead | (1u << 20))), Error::InvalidArgument);
    const int32_t fd = open_fd("/f", pv::kOpenRead | pv::kOpenWrite | pv::kOpenCreate);
    EXPECT_EQ(status(call(pv::kSeek, pv::SeekRequest{fd, static_cast<pv::Whence>(7), 0})), Error::InvalidArgument);
    EXPECT_EQ(status(call(pv::kSeek, pv::SeekRequest{fd, pv::Whence::End, INT64_MIN})), Error::InvalidArgument);
}

TEST_F(HandlersTest, DescriptorsOfOneClientAreInvisibleToAnother) {
    const int32_t fd = open_fd("/f", pv::kOpenRead | pv::kOpenWrite | pv::kOpenCreate);
    EXPECT_EQ(status(call(pv::kClose, pv::CloseRequest{fd}, 21)), Error::BadFileDescriptor);
    EXPECT_EQ(status(call(pv::kFstat, pv::FstatRequest{fd}, 21)), Error::BadFileDescriptor);
    EXPECT_EQ(status(call(pv::kClose, pv::CloseRequest{fd})), Error::None);
    EXPECT_EQ(status(call(pv::kClose, pv::CloseRequest{fd})), Error::BadFileDescriptor);
}

TEST_F(HandlersTest, ProcessGoneOnlyFromPmAndClosesEverything) {
    open_fd("/f", pv::kOpenWrite | pv::kOpenCreate);
    open_fd("/f", pv::kOpenRead);
    EXPECT_EQ(status(call(pv::kProcessGone, pv::ProcessGoneRequest{kClient}, kClient)), Error::PermissionDenied);
    EXPECT_EQ(state->fs.open_files().open_count(kClient), 2u);
    EXPECT_EQ(status(call(pv::kProcessGone, pv::ProcessGoneRequest{kClient}, neurath::kPm)), Error::None);
    EXPECT_EQ(state->fs.open_files().open_count(kClient), 0u);
}

TEST_F(HandlersTest, UnknownTypesGetBadMessage) {
    EXPECT_EQ(status(call(protocol::kVfsBase + 31, pv::CloseRequest{0})), Error::BadMessage);
    EXPECT_EQ(status(call(0x12345, pv::CloseRequest{0})), Error::BadMessage);
}
