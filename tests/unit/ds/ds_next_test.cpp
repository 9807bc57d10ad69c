// ds_next_test.cpp — host tests of what ds version 2 (ds.next,
// servers/ds/versions/next.patch) adds: counting the entries under a key
// prefix (store and protocol, through sys::ds::count) and each entry's
// revision. Built against the patched copy; store_test.cpp and
// ds_protocol_test.cpp (but for its version-1 case) run on it too.
#include <gtest/gtest.h>
#include <sys/ds_client.h>

#include <memory>

#include "fake_kernel.h"
#include "handlers.h"

namespace {
using neurath::Error;

struct DsNextTest : ::testing::Test {
    std::unique_ptr<ds::DsState> state = std::make_unique<ds::DsState>();
    sys::DispatchTable<ds::DsState> table = ds::make_table();

    void SetUp() override {
        fake::kernel() = fake::Kernel{};
        fake::install(neurath::kDs, table, *state);
    }
};
}  // namespace

TEST_F(DsNextTest, CountsTheEntriesUnderAPrefix) {
    for (const char* key : {"app.b", "app.a", "apple", "b", "app.c"})
        ASSERT_TRUE(sys::ds::publish(key, "v", 1).ok()) << key;
    ASSERT_TRUE(sys::ds::bind("app.server", 40).ok());
    auto all = sys::ds::count("");
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all.value().values, 5u);
    EXPECT_EQ(all.value().bindings, 1u);
    auto app = sys::ds::count("app.");
    ASSERT_TRUE(app.ok());
    EXPECT_EQ(app.value().values, 3u);
    EXPECT_EQ(app.value().bindings, 1u);
    EXPECT_EQ(sys::ds::count("app").value().values, 4u);
    EXPECT_EQ(sys::ds::count("zzz").value().values, 0u);
    EXPECT_EQ(sys::ds::count("bad prefix").error(), Error::InvalidArgument);
}

TEST_F(DsNextTest, EveryWriteCountsAsARevision) {
    ds::DataStore store;
    ASSERT_TRUE(store.publish(20, "k", "a", 1).ok());
    ASSERT_TRUE(store.publish(20, "k", "bb", 2).ok());
    ASSERT_TRUE(store.bind(20, "k", 33).ok());
    const ds::StoreEntry* entry = store.lookup("k").value();
    EXPECT_EQ(entry->revision, 3u);
    EXPECT_EQ(store.publish(21, "k", "c", 1).error(), Error::PermissionDenied);
    EXPECT_EQ(store.lookup("k").value()->revision, 3u) << "a refused write is no revision";
}
