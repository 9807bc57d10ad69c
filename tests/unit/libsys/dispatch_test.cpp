// dispatch_test.cpp — the server framework's dispatch: table lookup,
// source restrictions, error replies, deferred replies, kernel messages,
// framework requests (ping, crash injection only from rs), start info.
#include <gtest/gtest.h>
#include <sys/server.h>

#include <cstring>

#include "update_agent_double.h"

namespace {
struct CrashInjected {};
}  // namespace

// Test double: the real one dereferences null; here it becomes observable.
void sys::inject_crash() { throw CrashInjected{}; }

namespace {

using neurath::Error;
using neurath::Message;
using sys::Disposition;
using sys::Outcome;

constexpr int32_t kEcho = protocol::kDsBase + 0;
constexpr int32_t kFail = protocol::kDsBase + 1;
constexpr int32_t kPark = protocol::kDsBase + 2;
constexpr int32_t kFromPmOnly = protocol::kDsBase + 3;

struct CounterState {
    int handled = 0;
    int exits_seen = 0;
    neurath::Endpoint parked = neurath::kNone;
};

struct EchoPayload {
    uint64_t value;
};

sys::Result<Disposition> echo(CounterState& state, const Message& request, Message& reply) {
    state.handled++;
    neurath::payload_of<EchoPayload>(reply).value = neurath::payload_of<EchoPayload>(request).value + 1;
    return Disposition::Reply;
}
sys::Result<Disposition> fail(CounterState&, const Message&, Message&) { return Error::NotFound; }
sys::Result<Disposition> park(CounterState& state, const Message& request, Message&) {
    state.parked = request.source;
    return Disposition::Deferred;
}
sys::Result<Disposition> exited(CounterState& state, const Message&, Message&) {
    state.exits_seen++;
    return Disposition::NoReply;
}

Message request_of(int32_t type, neurath::Endpoint source, uint64_t value = 0) {
    Message m;
    std::memset(&m, 0, sizeof m);
    m.type = type;
    m.source = source;
    neurath::payload_of<EchoPayload>(m).value = value;
    return m;
}

struct DispatchTest : ::testing::Test {
    sys::DispatchTable<CounterState> table{protocol::kDsBase};
    CounterState state;
    Message reply{};

    void SetUp() override {
        table.on(kEcho, echo).on(kFail, fail).on(kPark, park).on(kFromPmOnly, echo, neurath::kPm)
            .on(neurath::kmsg::kProcessExited, exited);
    }
    Outcome run(const Message& request) { return sys::dispatch(table, state, request, reply); }
};

}  // namespace

TEST_F(DispatchTest, RoutesByTypeAndRepliesOk) {
    EXPECT_EQ(run(request_of(kEcho, 20, 41)), Outcome::SendReply);
    EXPECT_EQ(reply.type, protocol::kReplyOk);
    EXPECT_EQ(neurath::payload_of<EchoPayload>(reply).value, 42u);
    EXPECT_EQ(state.handled, 1);
}

TEST_F(DispatchTest, HandlerErrorBecomesReplyStatus) {
    EXPECT_EQ(run(request_of(kFail, 20)), Outcome::SendReply);
    EXPECT_EQ(protocol::error_of_reply(reply.type), Error::NotFound);
}

TEST_F(DispatchTest, UnknownTypesGetBadMessage) {
    for (int32_t type : {protocol::kDsBase + 31, protocol::kVfsBase, 0x7fffffff}) {
        EXPECT_EQ(run(request_of(type, 20)), Outcome::SendReply) << type;
        EXPECT_EQ(protocol::error_of_reply(reply.type), Error::BadMessage) << type;
    }
    EXPECT_EQ(state.handled, 0);
}

TEST_F(DispatchTest, StrayRepliesAreNeverAnswered) {
    // A reply sent to a server that asked nothing: answering it with an error
    // would make two servers exchange errors forever.
    for (int32_t type : {protocol::kReplyOk, protocol::reply_type_for(Error::BadMessage), -5}) {
        EXPECT_EQ(run(request_of(type, 20)), Outcome::NoReply) << type;
        EXPECT_EQ(run(request_of(type, neurath::kRs)), Outcome::NoReply) << type;
    }
    EXPECT_EQ(state.handled, 0);
}

TEST_F(DispatchTest, RestrictedRouteRefusesOtherSources) {
    EXPECT_EQ(run(request_of(kFromPmOnly, 20)), Outcome::SendReply);
    EXPECT_EQ(protocol::error_of_reply(reply.type), Error::PermissionDenied);
    EXPECT_EQ(run(request_of(kFromPmOnly, neurath::kPm)), Outcome::SendReply);
    EXPECT_EQ(reply.type, protocol::kReplyOk);
}

TEST_F(DispatchTest, DeferredRequestsSendNothingNow) {
    EXPECT_EQ(run(request_of(kPark, 33)), Outcome::NoReply);
    EXPECT_EQ(state.parked, 33);
}

TEST_F(DispatchTest, KernelMessagesAreNeverAnswered) {
    EXPECT_EQ(run(request_of(neurath::kmsg::kProcessExited, neurath::kKernel)), Outcome::NoReply);
    EXPECT_EQ(state.exits_seen, 1);
    EXPECT_EQ(run(request_of(neurath::kmsg::kNotify, neurath::kKernel)), Outcome::NoReply);
    // A user process forging a kernel message type is refused.
    EXPECT_EQ(run(request_of(neurath::kmsg::kProcessExited, 20)), Outcome::SendReply);
    EXPECT_EQ(protocol::error_of_reply(reply.type), Error::PermissionDenied);
    EXPECT_EQ(state.exits_seen, 1);
}

TEST_F(DispatchTest, PingIsAnsweredByTheFramework) {
    EXPECT_EQ(run(request_of(protocol::common::kPing, 20)), Outcome::SendReply);
    EXPECT_EQ(reply.type, protocol::kReplyOk);
}

TEST_F(DispatchTest, CrashInjectionOnlyFromRs) {
    EXPECT_EQ(run(request_of(protocol::common::kCrashInject, 20)), Outcome::SendReply);
    EXPECT_EQ(protocol::error_of_reply(reply.type), Error::PermissionDenied);
    EXPECT_THROW(run(request_of(protocol::common::kCrashInject, neurath::kRs)), CrashInjected);
}

TEST_F(DispatchTest, UpdatePreparationOnlyFromRsReachesTheAgent) {
    const int before = test_doubles::update_agent_calls;
    EXPECT_EQ(run(request_of(protocol::update::kPrepare, 20)), Outcome::SendReply);
    EXPECT_EQ(protocol::error_of_reply(reply.type), Error::PermissionDenied);
    EXPECT_EQ(test_doubles::update_agent_calls, before);
    EXPECT_EQ(run(request_of(protocol::update::kPrepare, neurath::kRs)), Outcome::SendReply);
    EXPECT_EQ(test_doubles::update_agent_calls, before + 1);
    EXPECT_EQ(protocol::error_of_reply(reply.type), Error::NotSupported);  // the double's answer
    EXPECT_EQ(state.handled, 0);
}

TEST(DispatchTable, OutOfRangeRegistrationInvalidatesTable) {
    sys::DispatchTable<CounterState> table(protocol::kDsBase);
    EXPECT_TRUE(table.valid());
    table.on(protocol::kDsBase + 32, echo);
    EXPECT_FALSE(table.valid());
}

TEST(StartInfo, ParsesRestartArguments) {
    char name[] = "ds", flag[] = "--restart", count[] = "3";
    char* restart_argv[] = {name, flag, count};
    const sys::StartInfo restart = sys::parse_start_info(3, restart_argv);
    EXPECT_EQ(restart.kind, sys::StartKind::Restart);
    EXPECT_EQ(restart.restarts, 3u);
    char* fresh_argv[] = {name};
    EXPECT_EQ(sys::parse_start_info(1, fresh_argv).kind, sys::StartKind::Fresh);
    char update_flag[] = "--update";
    char* update_argv[] = {name, update_flag};
    EXPECT_EQ(sys::parse_start_info(2, update_argv).kind, sys::StartKind::Update);
}
