// handlers_test.cpp — host tests of the tty request handlers through the
// framework's dispatch: held line reads, one reader at a time, IRQ input,
// output translation, and a reader that vanished before its line came.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include <neurath/endpoint.h>
#include <protocol/tty.h>
#include <sys/grant.h>

#include "../vfs/fake_grants.h"
#include "fake_console.h"
#include "handlers.h"

using namespace tty;
using neurath::Error;
using neurath::Message;
namespace pt = protocol::tty;

namespace {

constexpr neurath::Endpoint kShell = 16;
constexpr neurath::Endpoint kOther = 17;

class TtyHandlersTest : public ::testing::Test {
protected:
    void SetUp() override {
        fake_grants::reset();
        fake_console::reset();
        fake_grants::caller = kShell;
        state = std::make_unique<TtyState>();
    }

    const sys::DispatchTable<TtyState> table = make_table();

    template <typename Request>
    sys::Outcome send(int32_t type, const Request& request, Message& reply, neurath::Endpoint source = kShell) {
        Message message{};
        message.source = source;
        message.type = type;
        neurath::payload_of<Request>(message) = request;
        return sys::dispatch(table, *state, message, reply);
    }
    sys::Grant grant(const void* buffer, uint64_t length, uint32_t access) {
        auto made = sys::Grant::create(neurath::kTty, buffer, length, access);
        EXPECT_TRUE(made.ok());
        return made.release_value();
    }
    void irq(const std::string& bytes, uint64_t bits = 1ull << kCom1Irq) {
        fake_console::typed += bytes;
        Message reply{};
        EXPECT_EQ(send(neurath::kmsg::kNotify, neurath::NotifyPayload{bits}, reply, neurath::kKernel),
                  sys::Outcome::NoReply);
    }
    static Error status(const Message& reply) { return protocol::error_of_reply(reply.type); }

    std::unique_ptr<TtyState> state;
};

}  // namespace

TEST_F(TtyHandlersTest, WritePrintsWithCrLf) {
    const std::string text = "hello\nworld\n";
    sys::Grant g = grant(text.data(), text.size(), neurath::kGrantRead);
    Message reply{};
    ASSERT_EQ(send(pt::kWrite, pt::WriteRequest{g.ref()}, reply), sys::Outcome::SendReply);
    EXPECT_EQ(status(reply), Error::None);
    EXPECT_EQ(neurath::payload_of<pt::TransferReply>(reply).bytes, text.size());
    EXPECT_EQ(fake_console::printed, "hello\r\nworld\r\n");
}

TEST_F(TtyHandlersTest, LongWriteGoesOutWhole) {
    const std::string text(1000, 'w');
    sys::Grant g = grant(text.data(), text.size(), neurath::kGrantRead);
    Message reply{};
    send(pt::kWrite, pt::WriteRequest{g.ref()}, reply);
    EXPECT_EQ(fake_console::printed, text);
}

TEST_F(TtyHandlersTest, WriteWithBadGrantIsAnErrorAndPrintsNothing) {
    Message reply{};
    send(pt::kWrite, pt::WriteRequest{{77, 10}}, reply);
    EXPECT_EQ(status(reply), Error::BadAddress);
    EXPECT_EQ(fake_console::printed, "");
}

TEST_F(TtyHandlersTest, ReadLineIsHeldUntilEnterThenAnswered) {
    char line[64] = {};
    sys::Grant g = grant(line, sizeof line, neurath::kGrantWrite);
    Message reply{};
    EXPECT_EQ(send(pt::kReadLine, pt::ReadLineRequest{g.ref(), 0}, reply), sys::Outcome::NoReply);
    irq("ls /b");
    EXPECT_TRUE(fake_console::replies.empty());
    EXPECT_EQ(fake_console::printed, "ls /b");  // echo
    irq("in\r");
    ASSERT_EQ(fake_console::replies.size(), 1u);
    EXPECT_EQ(fake_console::replies[0].client, kShell);
    EXPECT_EQ(status(fake_console::replies[0].message), Error::None);
    EXPECT_EQ(neurath::payload_of<pt::TransferReply>(fake_console::replies[0].message).bytes, 7u);
    EXPECT_EQ(std::string(line, 7), "ls /bin");
}

TEST_F(TtyHandlersTest, LineTypedAheadIsAnsweredAtOnce) {
    irq("first\rsecond\r");
    char line[64] = {};
    sys::Grant g = grant(line, sizeof line, neurath::kGrantWrite);
    Message reply{};
    ASSERT_EQ(send(pt::kReadLine, pt::ReadLineRequest{g.ref(), 0}, reply), sys::Outcome::SendReply);
    EXPECT_EQ(neurath::payload_of<pt::TransferReply>(reply).bytes, 5u);
    EXPECT_EQ(std::string(line, 5), "first");
    ASSERT_EQ(send(pt::kReadLine, pt::ReadLineRequest{g.ref(), 0}, reply), sys::Outcome::SendReply);
    EXPECT_EQ(std::string(line, 6), "second");
}

TEST_F(TtyHandlersTest, SecondReaderIsBusy) {
    char line[8];
    sys::Grant g = grant(line, sizeof line, neurath::kGrantWrite);
    Message reply{};
    send(pt::kReadLine, pt::ReadLineRequest{g.ref(), 0}, reply);
    ASSERT_EQ(send(pt::kReadLine, pt::ReadLineRequest{{1, 8}, 0}, reply, kOther), sys::Outcome::SendReply);
    EXPECT_EQ(status(reply), Error::Busy);
}

TEST_F(TtyHandlersTest, ReadThatMustNotWaitTakesAReadyLineOrWouldBlock) {
    char line[64] = {};
    sys::Grant g = grant(line, sizeof line, neurath::kGrantWrite);
    Message reply{};
    ASSERT_EQ(send(pt::kReadLine, pt::ReadLineRequest{g.ref(), pt::kReadNoWait}, reply), sys::Outcome::SendReply);
    EXPECT_EQ(status(reply), Error::WouldBlock);
    irq("half a li");  // typed but not ended: still not a line
    ASSERT_EQ(send(pt::kReadLine, pt::ReadLineRequest{g.ref(), pt::kReadNoWait}, reply), sys::Outcome::SendReply);
    EXPECT_EQ(status(reply), Error::WouldBlock);
    irq("ne\r");
    ASSERT_EQ(send(pt::kReadLine, pt::ReadLineRequest{g.ref(), pt::kReadNoWait}, reply), sys::Outcome::SendReply);
    EXPECT_EQ(status(reply), Error::None);
    EXPECT_EQ(std::string(line, neurath::payload_of<pt::TransferReply>(reply).bytes), "half a line");
    // Nothing was left held: a waiting reader is held, not refused as Busy.
    EXPECT_EQ(send(pt::kReadLine, pt::ReadLineRequest{g.ref(), 0}, reply), sys::Outcome::NoReply);
    EXPECT_TRUE(fake_console::replies.empty());
}

TEST_F(TtyHandlersTest, ReadThatMustNotWaitBesideAHeldOneWouldBlockAndTakesNothing) {
    char line[8];
    sys::Grant g = grant(line, sizeof line, neurath::kGrantWrite);
    Message reply{};
    ASSERT_EQ(send(pt::kReadLine, pt::ReadLineRequest{g.ref(), 0}, reply), sys::Outcome::NoReply);
    ASSERT_EQ(send(pt::kReadLine, pt::ReadLineRequest{{1, 8}, pt::kReadNoWait}, reply, kOther), sys::Outcome::SendReply);
    EXPECT_EQ(status(reply), Error::WouldBlock);
    irq("ls\r");  // the held reader gets the line
    ASSERT_EQ(fake_console::replies.size(), 1u);
    EXPECT_EQ(fake_console::replies[0].client, kShell);
}

TEST_F(TtyHandlersTest, ReadLineWithUnknownFlagsIsInvalid) {
    char line[8];
    sys::Grant g = grant(line, sizeof line, neurath::kGrantWrite);
    Message reply{};
    ASSERT_EQ(send(pt::kReadLine, pt::ReadLineRequest{g.ref(), 2}, reply), sys::Outcome::SendReply);
    EXPECT_EQ(status(reply), Error::InvalidArgument);
    EXPECT_EQ(send(pt::kReadLine, pt::ReadLineRequest{g.ref(), 0}, reply), sys::Outcome::NoReply);  // nothing held before
}

TEST_F(TtyHandlersTest, ReadHeldForAnEndedProcessIsDroppedOnlyWhenPmSaysSo) {
    char line[8];
    sys::Grant g = grant(line, sizeof line, neurath::kGrantWrite);
    Message reply{};
    ASSERT_EQ(send(pt::kReadLine, pt::ReadLineRequest{g.ref(), 0}, reply), sys::Outcome::NoReply);
    // Anyone but pm is refused and the held read stays.
    ASSERT_EQ(send(pt::kProcessGone, pt::ProcessGoneRequest{kShell}, reply, kOther), sys::Outcome::SendReply);
    EXPECT_EQ(status(reply), Error::PermissionDenied);
    ASSERT_EQ(send(pt::kReadLine, pt::ReadLineRequest{{1, 8}, 0}, reply, kOther), sys::Outcome::SendReply);
    EXPECT_EQ(status(reply), Error::Busy);
    // pm reports another process: nothing changes.
    ASSERT_EQ(send(pt::kProcessGone, pt::ProcessGoneRequest{kOther}, reply, neurath::kPm), sys::Outcome::SendReply);
    EXPECT_EQ(status(reply), Error::None);
    ASSERT_EQ(send(pt::kReadLine, pt::ReadLineRequest{{1, 8}, 0}, reply, kOther), sys::Outcome::SendReply);
    EXPECT_EQ(status(reply), Error::Busy);
    // pm reports the reader ended: the next reader is held, not refused.
    ASSERT_EQ(send(pt::kProcessGone, pt::ProcessGoneRequest{kShell}, reply, neurath::kPm), sys::Outcome::SendReply);
    EXPECT_EQ(status(reply), Error::None);
    fake_grants::caller = kOther;
    sys::Grant other = grant(line, sizeof line, neurath::kGrantWrite);
    EXPECT_EQ(send(pt::kReadLine, pt::ReadLineRequest{other.ref(), 0}, reply, kOther), sys::Outcome::NoReply);
}

TEST_F(TtyHandlersTest, ShortGrantTruncatesTheLine) {
    char line[4] = {};
    sys::Grant g = grant(line, sizeof line, neurath::kGrantWrite);
    irq("abcdefgh\r");
    Message reply{};
    send(pt::kReadLine, pt::ReadLineRequest{g.ref(), 0}, reply);
    EXPECT_EQ(neurath::payload_of<pt::TransferReply>(reply).bytes, 4u);
    EXPECT_EQ(std::string(line, 4), "abcd");
}

TEST_F(TtyHandlersTest, LineOutlivesAReaderThatVanished) {
    {
        char line[16];
        sys::Grant g = grant(line, sizeof line, neurath::kGrantWrite);
        Message reply{};
        send(pt::kReadLine, pt::ReadLineRequest{g.ref(), 0}, reply);
    }  // the reader's grant is revoked, as when the process dies
    irq("kept\r");
    ASSERT_EQ(fake_console::replies.size(), 1u);
    EXPECT_NE(status(fake_console::replies[0].message), Error::None);
    // The next reader (another process) gets the line, not Busy.
    fake_grants::caller = kOther;
    char line[16] = {};
    sys::Grant g = grant(line, sizeof line, neurath::kGrantWrite);
    Message reply{};
    ASSERT_EQ(send(pt::kReadLine, pt::ReadLineRequest{g.ref(), 0}, reply, kOther), sys::Outcome::SendReply);
    EXPECT_EQ(status(reply), Error::None);
    EXPECT_EQ(std::string(line, 4), "kept");
}

TEST_F(TtyHandlersTest, OtherNotificationBitsAndForgedNotifiesAreIgnored) {
    irq("x\r", 1ull << 7);
    EXPECT_EQ(fake_console::printed, "");  // IRQ 4 not signalled: UART not read
    Message reply{};
    fake_console::typed.clear();
    ASSERT_EQ(send(neurath::kmsg::kNotify, neurath::NotifyPayload{~0ull}, reply, kOther), sys::Outcome::SendReply);
    EXPECT_EQ(status(reply), Error::PermissionDenied);
}
