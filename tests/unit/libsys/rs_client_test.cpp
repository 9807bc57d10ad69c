// rs_client_test.cpp — libsys's live-update client stubs over the fake
// kernel, against a stand-in for rs that speaks protocol/rs.h: the spec
// arrives whole through a read grant, refusals carry their text back through
// the error grant, progress lines and history records land in the caller's
// buffers, and every grant is revoked when a call returns.
#include <gtest/gtest.h>
#include <sys/grant.h>
#include <sys/rs_client.h>

#include <cstring>
#include <string>
#include <vector>

#include "fake_kernel.h"

namespace {
namespace pr = protocol::rs;
using neurath::Error;
using neurath::Message;
using neurath::payload_of;

constexpr neurath::Endpoint kShell = 16;

// Answers kUpdate, kUpdateWait and kUpdateHistory as rs would.
struct FakeRs {
    pr::UpdateSpec received{};
    std::string refusal;               // non-empty: refuse kUpdate with this text
    std::vector<std::string> lines;    // progress of transaction 7
    pr::UpdateRecord history[2]{};

    sys::Outcome serve(const Message& request, Message& reply) {
        auto result = handle(request, reply);
        if (result.is_error()) reply.type = protocol::reply_type_for(result.error());
        return sys::Outcome::SendReply;
    }

    sys::Result<void> handle(const Message& request, Message& reply) {
        switch (request.type) {
        case pr::kUpdate: return update(request, reply);
        case pr::kUpdateWait: return wait(request, reply);
        case pr::kUpdateHistory: return list(request, reply);
        }
        return Error::BadMessage;
    }

    sys::Result<void> update(const Message& request, Message& reply) {
        const auto& in = payload_of<pr::UpdateRequest>(request);
        if (in.spec.length != sizeof received || in.error_text.length != pr::kUpdateErrorText) return Error::BadMessage;
        TRY(sys::copy_from_grant(request.source, in.spec, 0, &received, sizeof received));
        if (!refusal.empty()) {
            TRY(sys::copy_to_grant(request.source, in.error_text, 0, refusal.c_str(), refusal.size() + 1));
            return Error::NotFound;
        }
        payload_of<pr::UpdateReply>(reply).transaction = 7;
        return {};
    }

    sys::Result<void> wait(const Message& request, Message& reply) {
        const auto& in = payload_of<pr::UpdateWaitRequest>(request);
        if (in.transaction != 7) return Error::NotFound;
        const uint64_t capacity = in.lines.length / pr::kUpdateLineLength;
        uint32_t count = 0;
        for (uint32_t i = in.first_line; i < lines.size() && count < capacity; ++i, ++count) {
            char line[pr::kUpdateLineLength] = {};
            std::strncpy(line, lines[i].c_str(), sizeof line - 1);
            TRY(sys::copy_to_grant(request.source, in.lines, count * sizeof line, line, sizeof line));
        }
        const bool done = in.first_line + count == lines.size();
        const pr::UpdateResult result = done ? pr::UpdateResult::Committed : pr::UpdateResult::Running;
        payload_of<pr::UpdateWaitReply>(reply) = {count, result};
        return {};
    }

    sys::Result<void> list(const Message& request, Message& reply) {
        const auto& in = payload_of<pr::UpdateHistoryRequest>(request);
        const uint64_t capacity = in.records.length / sizeof(pr::UpdateRecord);
        const uint32_t count = capacity < 2 ? static_cast<uint32_t>(capacity) : 2;
        TRY(sys::copy_to_grant(request.source, in.records, 0, history, count * sizeof(pr::UpdateRecord)));
        payload_of<pr::UpdateHistoryReply>(reply) = {count, 2};
        return {};
    }
};

struct RsClientTest : ::testing::Test {
    FakeRs rs;
    void SetUp() override {
        fake::kernel() = fake::Kernel{};
        fake::kernel().caller = kShell;
        fake::kernel().servers[neurath::kRs] = [this](const Message& request, Message& reply) {
            return rs.serve(request, reply);
        };
    }
    void TearDown() override { EXPECT_TRUE(fake::kernel().grants.empty()) << "a grant outlived its call"; }
};

pr::UpdateSpec spec_for(const char* name, const char* binary) {
    pr::UpdateSpec spec{};
    spec.target_count = 1;
    spec.flags = pr::kUpdateRoundTrip;
    spec.timeout_ms = 1500;
    std::strcpy(spec.state_filter, "store.count_ > 0");
    std::strcpy(spec.targets[0].name, name);
    std::strcpy(spec.targets[0].binary, binary);
    return spec;
}

}  // namespace

TEST_F(RsClientTest, UpdateSendsTheWholeSpecAndReturnsTheTransaction) {
    char error_text[pr::kUpdateErrorText];
    const pr::UpdateSpec spec = spec_for("ds", "/sbin/ds.next");
    const sys::Result<uint32_t> transaction = sys::rs::update(spec, error_text, sizeof error_text);
    ASSERT_TRUE(transaction.ok()) << neurath::error_name(transaction.error());
    EXPECT_EQ(transaction.value(), 7u);
    EXPECT_EQ(std::memcmp(&rs.received, &spec, sizeof spec), 0);
    EXPECT_STREQ(error_text, "");
}

TEST_F(RsClientTest, RefusalBringsBackRsText) {
    rs.refusal = "ds: /sbin/ds.nope: no such file";
    char error_text[pr::kUpdateErrorText];
    const sys::Result<uint32_t> transaction = sys::rs::update(spec_for("ds", "/sbin/ds.nope"), error_text,
                                                              sizeof error_text);
    EXPECT_EQ(transaction.error(), Error::NotFound);
    EXPECT_STREQ(error_text, "ds: /sbin/ds.nope: no such file");
}

TEST_F(RsClientTest, RefusalTextIsTerminatedEvenWhenRsFillsTheBuffer) {
    rs.refusal = std::string(pr::kUpdateErrorText - 1, 'e');
    char error_text[pr::kUpdateErrorText];
    EXPECT_TRUE(sys::rs::update(spec_for("ds", "/x"), error_text, sizeof error_text).is_error());
    EXPECT_EQ(std::strlen(error_text), pr::kUpdateErrorText - 1);
    EXPECT_EQ(sys::rs::update(spec_for("ds", "/x"), error_text, 0).error(), Error::InvalidArgument);
}

TEST_F(RsClientTest, UpdateWaitDeliversLinesInBatchesUntilTheEnd) {
    for (int i = 0; i < 5; ++i) rs.lines.push_back("line " + std::to_string(i));
    char lines[2][pr::kUpdateLineLength];
    std::vector<std::string> seen;
    pr::UpdateResult result = pr::UpdateResult::Running;
    for (uint32_t first = 0; result == pr::UpdateResult::Running;) {
        const sys::Result<pr::UpdateWaitReply> news = sys::rs::update_wait(7, first, lines, 2);
        ASSERT_TRUE(news.ok());
        for (uint32_t i = 0; i < news.value().count; ++i) seen.push_back(lines[i]);
        first += news.value().count;
        result = news.value().result;
    }
    EXPECT_EQ(seen, rs.lines);
    EXPECT_EQ(result, pr::UpdateResult::Committed);
    EXPECT_EQ(sys::rs::update_wait(8, 0, lines, 2).error(), Error::NotFound);
}

TEST_F(RsClientTest, UpdateHistoryFillsRecords) {
    rs.history[0].transaction = 1;
    rs.history[1].transaction = 2;
    std::strcpy(rs.history[1].reason, "transfer failed");
    pr::UpdateRecord records[4]{};
    const sys::Result<pr::UpdateHistoryReply> history = sys::rs::update_history(records, 4);
    ASSERT_TRUE(history.ok());
    EXPECT_EQ(history.value().count, 2u);
    EXPECT_EQ(history.value().total, 2u);
    EXPECT_EQ(records[1].transaction, 2u);
    EXPECT_STREQ(records[1].reason, "transfer failed");
    const sys::Result<pr::UpdateHistoryReply> one = sys::rs::update_history(records, 1);
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(one.value().count, 1u);
}

TEST_F(RsClientTest, AnRsWithoutLiveUpdateSaysBadMessage) {
    fake::kernel().servers[neurath::kRs] = [](const Message&, Message& reply) {
        reply.type = protocol::reply_type_for(Error::BadMessage);
        return sys::Outcome::SendReply;
    };
    char error_text[pr::kUpdateErrorText];
    EXPECT_EQ(sys::rs::update(spec_for("ds", "/x"), error_text, sizeof error_text).error(), Error::BadMessage);
    EXPECT_STREQ(error_text, "");
    pr::UpdateRecord records[1];
    EXPECT_EQ(sys::rs::update_history(records, 1).error(), Error::BadMessage);
}
