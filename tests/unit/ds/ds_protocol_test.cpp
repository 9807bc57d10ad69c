// ds_protocol_test.cpp — the data store end to end on the host: libsys's
// ds client stubs -> message -> framework dispatch -> ds handlers -> grant
// copies -> reply, with the fake kernel checking every grant access.
#include <gtest/gtest.h>
#include <sys/ds_client.h>

#include <cstring>
#include <memory>
#include <string>

#include "fake_kernel.h"
#include "handlers.h"

namespace {
using neurath::Error;

struct DsProtocolTest : ::testing::Test {
    std::unique_ptr<ds::DsState> state = std::make_unique<ds::DsState>();
    sys::DispatchTable<ds::DsState> table = ds::make_table();

    void SetUp() override {
        fake::kernel() = fake::Kernel{};
        fake::install(neurath::kDs, table, *state);
    }
};
}  // namespace

TEST_F(DsProtocolTest, PublishThenLookupMovesValuesThroughGrants) {
    ASSERT_TRUE(sys::ds::publish("motd", "hello", 5).ok());
    char buffer[16] = {};
    auto length = sys::ds::lookup("motd", buffer, sizeof buffer);
    ASSERT_TRUE(length.ok());
    EXPECT_EQ(length.value(), 5u);
    EXPECT_EQ(std::string(buffer, 5), "hello");
    EXPECT_TRUE(fake::kernel().grants.empty()) << "every grant is revoked after its call";
    EXPECT_EQ(fake::kernel().revoked, 2u);
}

TEST_F(DsProtocolTest, LookupIntoASmallBufferTruncatesButReportsFullLength) {
    ASSERT_TRUE(sys::ds::publish("long", "0123456789", 10).ok());
    char buffer[4] = {'x', 'x', 'x', 'x'};
    auto length = sys::ds::lookup("long", buffer, 3);
    ASSERT_TRUE(length.ok());
    EXPECT_EQ(length.value(), 10u);
    EXPECT_EQ(std::string(buffer, 4), "012x") << "nothing written past the granted window";
}

TEST_F(DsProtocolTest, BindResolveDeleteAndErrorsArriveAsResults) {
    ASSERT_TRUE(sys::ds::bind("printer", 42).ok());
    EXPECT_EQ(sys::ds::resolve("printer").value(), 42);
    EXPECT_EQ(sys::ds::resolve("nobody").error(), Error::NotFound);
    EXPECT_EQ(sys::ds::remove("printer").ok(), true);
    EXPECT_EQ(sys::ds::resolve("printer").error(), Error::NotFound);
    EXPECT_EQ(sys::ds::publish("", "x", 1).error(), Error::InvalidArgument) << "rejected by the stub";
    EXPECT_EQ(sys::ds::publish("bad key", "x", 1).error(), Error::InvalidArgument) << "rejected by ds";
}

TEST_F(DsProtocolTest, OtherClientsCannotReplaceAnEntry) {
    ASSERT_TRUE(sys::ds::publish("owned", "a", 1).ok());
    fake::kernel().caller = 21;
    EXPECT_EQ(sys::ds::publish("owned", "b", 1).error(), Error::PermissionDenied);
    EXPECT_EQ(sys::ds::remove("owned").error(), Error::PermissionDenied);
}

TEST_F(DsProtocolTest, ListReturnsEntriesInKeyOrderThroughAGrant) {
    for (const char* key : {"c", "a", "b"}) ASSERT_TRUE(sys::ds::publish(key, "v", 1).ok());
    ASSERT_TRUE(sys::ds::bind("d", 7).ok());
    protocol::ds::ListEntry entries[2];
    auto first = sys::ds::list(entries, 2, 0);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first.value().count, 2u);
    EXPECT_EQ(first.value().total, 4u);
    EXPECT_STREQ(entries[0].key, "a");
    EXPECT_STREQ(entries[1].key, "b");
    auto rest = sys::ds::list(entries, 2, 2);
    ASSERT_TRUE(rest.ok());
    EXPECT_STREQ(entries[0].key, "c");
    EXPECT_STREQ(entries[1].key, "d");
    EXPECT_EQ(entries[1].kind, protocol::ds::EntryKind::Binding);
    EXPECT_EQ(entries[1].endpoint, 7);
}

TEST_F(DsProtocolTest, ForgedGrantLengthIsCaughtNotTrusted) {
    // A client claiming a longer value than it granted: ds's copy fails cleanly.
    const char value[] = "abc";
    auto grant = sys::grant_create(neurath::kDs, value, 3, neurath::kGrantRead);
    ASSERT_TRUE(grant.ok());
    neurath::Message request{};
    request.type = protocol::ds::kPublish;
    auto& payload = neurath::payload_of<protocol::ds::PublishRequest>(request);
    std::strcpy(payload.key, "forged");
    payload.value = {grant.value(), 200};
    ASSERT_TRUE(sys::sendrec(neurath::kDs, request).ok());
    EXPECT_EQ(protocol::error_of_reply(request.type), Error::BadAddress);
    EXPECT_EQ(sys::ds::lookup("forged", nullptr, 0).error(), Error::NotFound);
}
