// admission_test.cpp — held messages: the framework's next_request holds
// what the gate refuses, delivers it later in arrival order, refuses with
// Busy when the queue is full, and never holds kernel reports back then.
#include <gtest/gtest.h>
#include <sys/admission.h>
#include <sys/server.h>

#include "fake_kernel.h"

namespace {
using neurath::Error;
using neurath::Message;

constexpr int32_t kWork = 0x500;
constexpr int32_t kReply = 0x501;

Message message_of(int32_t type, neurath::Endpoint source, uint8_t tag = 0) {
    Message m{};
    m.type = type;
    m.source = source;
    m.payload[0] = tag;
    return m;
}

// Holds new work, lets everything else through.
sys::Admission hold_work(const Message& message, void*) {
    return message.type == kWork ? sys::Admission::Hold : sys::Admission::Deliver;
}

struct AdmissionTest : ::testing::Test {
    void SetUp() override {
        fake::kernel() = fake::Kernel{};
        fake::kernel().caller = neurath::kDs;
        sys::set_admission_gate(nullptr, nullptr);
        Message drain;
        while (sys::admission_queue().size() > 0) ASSERT_TRUE(sys::admission_queue().take_admitted(drain));
    }
    void TearDown() override { sys::set_admission_gate(nullptr, nullptr); }
};
}  // namespace

TEST_F(AdmissionTest, WithoutAGateEverythingIsDelivered) {
    fake::kernel().inbox.push_back(message_of(kWork, 20));
    Message next;
    ASSERT_TRUE(sys::next_request(next).ok());
    EXPECT_EQ(next.type, kWork);
}

TEST_F(AdmissionTest, HeldMessagesComeBackInArrivalOrderOnceAdmitted) {
    sys::set_admission_gate(hold_work, nullptr);
    for (uint8_t i = 0; i < 3; ++i) fake::kernel().inbox.push_back(message_of(kWork, 20 + i, i));
    fake::kernel().inbox.push_back(message_of(kReply, 30));
    Message next;
    for (int i = 0; i < 3; ++i) EXPECT_EQ(sys::next_request(next).error(), Error::WouldBlock);
    ASSERT_TRUE(sys::next_request(next).ok());
    EXPECT_EQ(next.type, kReply) << "messages the gate admits pass the held ones";
    EXPECT_EQ(sys::admission_queue().size(), 3u);

    sys::set_admission_gate(nullptr, nullptr);
    for (uint8_t i = 0; i < 3; ++i) {
        ASSERT_TRUE(sys::next_request(next).ok());
        EXPECT_EQ(next.payload[0], i);
        EXPECT_EQ(next.source, 20 + i);
    }
    EXPECT_EQ(sys::next_request(next).error(), Error::WouldBlock) << "then back to receiving";
    EXPECT_TRUE(fake::kernel().outbox.empty()) << "nobody was refused";
}

TEST_F(AdmissionTest, AFullQueueRefusesRequestsWithBusyButNotKernelReports) {
    sys::set_admission_gate([](const Message&, void*) { return sys::Admission::Hold; }, nullptr);
    for (size_t i = 0; i < sys::AdmissionQueue::kCapacity; ++i) fake::kernel().inbox.push_back(message_of(kWork, 20));
    fake::kernel().inbox.push_back(message_of(kWork, 21));
    fake::kernel().inbox.push_back(message_of(neurath::kmsg::kProcessExited, neurath::kKernel));
    Message next;
    for (size_t i = 0; i <= sys::AdmissionQueue::kCapacity; ++i) EXPECT_EQ(sys::next_request(next).error(), Error::WouldBlock);
    ASSERT_EQ(fake::kernel().outbox.size(), 1u);
    EXPECT_EQ(fake::kernel().outbox[0].to, 21);
    EXPECT_EQ(protocol::error_of_reply(fake::kernel().outbox[0].message.type), Error::Busy);
    ASSERT_TRUE(sys::next_request(next).ok());
    EXPECT_EQ(next.type, neurath::kmsg::kProcessExited);
}
