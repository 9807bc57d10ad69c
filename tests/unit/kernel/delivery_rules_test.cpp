// delivery_rules_test.cpp — when the kernel delivers a message at once, and
// the bug where one client that never receives could stall a server: the
// non-blocking send servers answer with reaches only a process waiting for
// the sender, and otherwise fails at once with NotReceiving.
#include "ipc/delivery_rules.h"

#include <gtest/gtest.h>

using namespace kernel;
using neurath::Error;

namespace {

constexpr neurath::Endpoint kServer = neurath::kVfs;
constexpr neurath::Endpoint kClient = 20;
constexpr neurath::Endpoint kOther = 21;

ReceiveWait running() { return ReceiveWait{false, false, neurath::kNone}; }
ReceiveWait receiving_from(neurath::Endpoint source) { return ReceiveWait{true, false, source}; }
ReceiveWait awaiting_reply_from(neurath::Endpoint source) { return ReceiveWait{true, true, source}; }

TEST(DeliveryRules, AReceiverTakesMessagesFromItsSourceOrFromAnyone) {
    EXPECT_TRUE(accepts_message_from(receiving_from(neurath::kAny), kClient));
    EXPECT_TRUE(accepts_message_from(receiving_from(kClient), kClient));
    EXPECT_FALSE(accepts_message_from(receiving_from(kOther), kClient));
    EXPECT_FALSE(accepts_message_from(running(), kClient));
}

TEST(DeliveryRules, ASendReceiveTakesOnlyItsReply) {
    EXPECT_TRUE(accepts_message_from(awaiting_reply_from(kServer), kServer));
    EXPECT_FALSE(accepts_unsolicited_from(awaiting_reply_from(kServer), kServer)) << "no notification as a reply";
    EXPECT_FALSE(accepts_unsolicited_from(awaiting_reply_from(neurath::kKernel), neurath::kKernel));
    EXPECT_TRUE(accepts_unsolicited_from(receiving_from(neurath::kAny), neurath::kKernel));
    EXPECT_TRUE(waits_for_reply_from(awaiting_reply_from(kServer), kServer));
    EXPECT_FALSE(waits_for_reply_from(receiving_from(kServer), kServer)) << "a plain Receive asked nothing";
}

TEST(DeliveryRules, RepliesNeedNoSendPermission) {
    EXPECT_TRUE(check_send_allowed(true, running(), kServer).ok());
    EXPECT_TRUE(check_send_allowed(false, awaiting_reply_from(kServer), kServer).ok());
    EXPECT_EQ(check_send_allowed(false, awaiting_reply_from(kOther), kServer).error(), Error::PermissionDenied);
    EXPECT_EQ(check_send_allowed(false, receiving_from(neurath::kAny), kServer).error(), Error::PermissionDenied);
}

TEST(ServerStalledByAClientThatNeverReceives, ItsReplyFailsAtOnce) {
    // The client sent with Send (or notified) and went on running, or blocked
    // sending elsewhere, or receives from someone else: the reply cannot be
    // taken now, so the server is told at once and keeps serving.
    EXPECT_EQ(check_deliverable_now(running(), kServer).error(), Error::NotReceiving);
    EXPECT_EQ(check_deliverable_now(receiving_from(kOther), kServer).error(), Error::NotReceiving);
    EXPECT_EQ(check_deliverable_now(awaiting_reply_from(kOther), kServer).error(), Error::NotReceiving);
}

TEST(ServerStalledByAClientThatNeverReceives, AWaitingClientStillGetsItsReply) {
    EXPECT_TRUE(check_deliverable_now(awaiting_reply_from(kServer), kServer).ok());
    EXPECT_TRUE(check_deliverable_now(receiving_from(kServer), kServer).ok());
    EXPECT_TRUE(check_deliverable_now(receiving_from(neurath::kAny), kServer).ok());
}

}  // namespace
