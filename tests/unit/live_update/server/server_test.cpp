// server_test.cpp — a server parked by a state filter at the quiescent point
// the pass marked (its receive), with connections from a project allocator,
// updated into a fresh copy: the allocator hook re-creates the connections in
// the new version's own arena.
#include <libupdate/heap.h>
#include <libupdate/quiescence.h>

#include <gtest/gtest.h>

#include "harness.h"
#include "program.h"
#include "server.h"

using namespace libupdate;

namespace {

void* allocate_connection(size_t size, const lu_alloc_site*, void*) { return pool_alloc(size); }
void release_connection(void* block, void*) { pool_free(block); }

const AllocatorHookEntry kPool[] = {{"pool_alloc", allocate_connection, release_connection, nullptr}};

}  // namespace

TEST(Server, ParksAtTheMarkedReceiveWhereTheStateFilterFirstHolds) {
    test_program::workload(1);
    // The second flush (the 9th message) is the first point with nothing
    // pending, something flushed and at most two connections open.
    EXPECT_EQ(parked_after, 9);
    EXPECT_EQ(pending_bytes, 0);
    EXPECT_EQ(open_connections, 2);
    EXPECT_GE(quiescence_stats().filter_rejections, 9u);
    EXPECT_EQ(quiescence_stats().parks, 1u);
}

TEST(Server, ProjectAllocatorObjectsAreRegisteredWithTheirType) {
    test_program::workload(1);
    uint64_t connections = 0;
    const ExternalObjects& external = external_objects();
    for (uint64_t i = 0; i < external.count; ++i)
        connections += external.records[i].site && std::string(external.records[i].site->type->name) == "Connection";
    EXPECT_GE(connections, 2u);
}

TEST(Server, UpdateRecreatesConnectionsThroughTheAllocatorHook) {
    TransferOptions options;
    options.allocator_hooks = kPool;
    options.allocator_hook_count = 1;
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old(), options);
    ASSERT_TRUE(stats.ok()) << stats.error().text;
    EXPECT_EQ(test_program::digest(), harness::native_digest(1));
    test_program::workload(2);  // serve the rest of the script
    EXPECT_EQ(test_program::digest(), harness::native_digest(2));
}

TEST(Server, WithoutTheAllocatorHookTheUpdateFailsCleanly) {
    std::string before = test_program::digest();
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old());
    ASSERT_FALSE(stats.ok());
    EXPECT_STREQ(stats.error().text, "objects of project allocator 'pool_alloc' need an allocator hook to be re-created");
    EXPECT_EQ(test_program::digest(), before);
}
