// server_stalled_by_silent_client_test.cpp — the bug where one client that
// never receives (a plain Send, or a Notify, and then no Receive) held a
// server in its reply until that client received or died: the framework now
// answers every request, error and deferred request with a send that never
// waits (sys::send_reply over SendNonBlocking), so the server's next turn
// comes at once and the silent client's answer is simply gone.
//
// The fake kernel models the silent client (fake::Kernel::not_receiving):
// a blocking send to it throws, as it would stall the server on the real
// kernel, and a non-blocking one fails with NotReceiving.
#include <gtest/gtest.h>
#include <sys/admission.h>
#include <sys/server.h>

#include "fake_kernel.h"

namespace {
using neurath::Error;
using neurath::Message;

constexpr int32_t kBase = 0x500;
constexpr int32_t kEcho = kBase + 0;      // answered at once with payload[0] + 1
constexpr int32_t kDeferred = kBase + 1;  // answered later (like a terminal read)
constexpr neurath::Endpoint kSilent = 20;   // sends, never receives
constexpr neurath::Endpoint kPatient = 21;  // waits for its replies (SendReceive)

struct EchoState {
    neurath::Endpoint deferred_client = neurath::kNone;
};

sys::Result<sys::Disposition> echo(EchoState&, const Message& request, Message& reply) {
    reply.payload[0] = static_cast<uint8_t>(request.payload[0] + 1);
    return sys::Disposition::Reply;
}

sys::Result<sys::Disposition> defer(EchoState& state, const Message& request, Message&) {
    state.deferred_client = request.source;
    return sys::Disposition::Deferred;
}

sys::Result<sys::Disposition> interrupt(EchoState&, const Message&, Message&) { return sys::Disposition::NoReply; }

Message request_of(int32_t type, neurath::Endpoint source, uint8_t value = 0) {
    Message m{};
    m.type = type;
    m.source = source;
    m.payload[0] = value;
    return m;
}

struct ServerStalledBySilentClient : ::testing::Test {
    EchoState state;
    sys::DispatchTable<EchoState> table{kBase};
    Message request{};
    Message reply{};

    void SetUp() override {
        fake::kernel() = fake::Kernel{};
        fake::kernel().caller = neurath::kVfs;
        fake::kernel().not_receiving.insert(kSilent);
        table.on(kEcho, echo).on(kDeferred, defer).on(neurath::kmsg::kNotify, interrupt);  // IRQs, like tty
        sys::set_admission_gate(nullptr, nullptr);
    }
    void TearDown() override { sys::set_admission_gate(nullptr, nullptr); }

    // One turn of the server's event loop, as run_server makes it.
    void serve_one() { sys::serve_next(table, state, request, reply); }

    std::vector<fake::Sent> replies_to(neurath::Endpoint client) const {
        std::vector<fake::Sent> found;
        for (const fake::Sent& sent : fake::kernel().outbox)
            if (sent.to == client) found.push_back(sent);
        return found;
    }
};

}  // namespace

TEST_F(ServerStalledBySilentClient, ItsRequestIsHandledAndTheNextClientServedAtOnce) {
    fake::kernel().inbox.push_back(request_of(kEcho, kSilent, 1));
    fake::kernel().inbox.push_back(request_of(kEcho, kPatient, 7));
    ASSERT_NO_THROW(serve_one()) << "the reply to the silent client must not wait for it";
    ASSERT_NO_THROW(serve_one());
    EXPECT_TRUE(replies_to(kSilent).empty()) << "a client not waiting for its reply loses it";
    const auto answered = replies_to(kPatient);
    ASSERT_EQ(answered.size(), 1u);
    EXPECT_EQ(answered[0].message.payload[0], 8);
    EXPECT_EQ(answered[0].from, neurath::kVfs);
}

TEST_F(ServerStalledBySilentClient, ErrorAnswersDoNotWaitEither) {
    fake::kernel().inbox.push_back(request_of(kBase + 9, kSilent));  // unknown type: BadMessage
    fake::kernel().inbox.push_back(request_of(protocol::common::kCrashInject, kSilent));  // not rs: refused
    fake::kernel().inbox.push_back(request_of(kEcho, kPatient, 1));
    for (int turn = 0; turn < 3; ++turn) ASSERT_NO_THROW(serve_one());
    EXPECT_TRUE(replies_to(kSilent).empty());
    EXPECT_EQ(replies_to(kPatient).size(), 1u);
}

TEST_F(ServerStalledBySilentClient, ANotificationFromAUserGetsNoBlockingAnswer) {
    Message notification = request_of(neurath::kmsg::kNotify, kSilent);  // Notify(server, tag) from a user
    notification.payload[0] = 1;
    fake::kernel().inbox.push_back(notification);
    fake::kernel().inbox.push_back(request_of(kEcho, kPatient, 3));
    ASSERT_NO_THROW(serve_one());
    ASSERT_NO_THROW(serve_one());
    EXPECT_TRUE(replies_to(kSilent).empty());
    ASSERT_EQ(replies_to(kPatient).size(), 1u);
}

TEST_F(ServerStalledBySilentClient, ADeferredReplyToAClientThatStoppedWaitingIsDropped) {
    fake::kernel().inbox.push_back(request_of(kDeferred, kSilent));
    ASSERT_NO_THROW(serve_one());
    ASSERT_EQ(state.deferred_client, kSilent);
    Message late{};
    late.type = protocol::kReplyOk;
    // (A blocking send would throw here: the fake kernel's model of a stall.)
    EXPECT_EQ(sys::send_reply(state.deferred_client, late).error(), Error::NotReceiving)
        << "the server hears why, and carries on";
    EXPECT_EQ(sys::send_error_reply(state.deferred_client, Error::Busy).error(), Error::NotReceiving);
    EXPECT_TRUE(replies_to(kSilent).empty());
}

TEST_F(ServerStalledBySilentClient, ARefusalWithBusyWhileHoldingDoesNotWait) {
    sys::set_admission_gate([](const Message&, void*) { return sys::Admission::Hold; }, nullptr);
    for (size_t i = 0; i < sys::AdmissionQueue::kCapacity; ++i)
        fake::kernel().inbox.push_back(request_of(kEcho, kPatient));
    fake::kernel().inbox.push_back(request_of(kEcho, kSilent));
    for (size_t i = 0; i <= sys::AdmissionQueue::kCapacity; ++i) ASSERT_NO_THROW(serve_one());
    EXPECT_TRUE(replies_to(kSilent).empty()) << "its Busy answer found it not waiting";
    sys::set_admission_gate(nullptr, nullptr);
    Message drain;
    while (sys::admission_queue().size() > 0) ASSERT_TRUE(sys::admission_queue().take_admitted(drain));
}
