// identity_test.cpp — the inventory program updated to an identical new
// build: the transferred state must behave exactly like the native history,
// round-trip cleanly, and corrupted old states must be caught with no
// trace left in the new version. Also: state filters over the old image and
// quiescence at a quiescent point.
#include <libupdate/introspection.h>
#include <libupdate/quiescence.h>
#include <libupdate/runtime_root.h>
#include <libupdate/state_environment.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "harness.h"
#include "program.h"

using namespace libupdate;

namespace {

std::string text_of(const UpdateError& error) { return error.text; }

}  // namespace

TEST(InventoryIdentity, TransferredStateBehavesLikeTheNativeHistory) {
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old());
    ASSERT_TRUE(stats.ok()) << stats.error().text;
    EXPECT_EQ(test_program::digest(), harness::native_digest(1));
    test_program::workload(2);
    EXPECT_EQ(test_program::digest(), harness::native_digest(2));
}

TEST(InventoryIdentity, ReportsWhatItMoved) {
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old());
    ASSERT_TRUE(stats.ok()) << stats.error().text;
    EXPECT_GT(stats.value().heap_objects, 100u);  // orders, items, names, tree and ring nodes, buckets, history
    EXPECT_GE(stats.value().globals, 10u);
    EXPECT_GE(stats.value().copied_strings, 4u);  // "busy" and the three command names
    EXPECT_GT(stats.value().pointers, stats.value().heap_objects);
    EXPECT_GT(stats.value().checked_pointers, 100u);
}

TEST(InventoryIdentity, RoundTripModeAcceptsAFaithfulTransfer) {
    TransferOptions options;
    options.round_trip = true;
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old(), options);
    ASSERT_TRUE(stats.ok()) << stats.error().text;
    EXPECT_EQ(test_program::digest(), harness::native_digest(1));
}

TEST(InventoryIdentity, DanglingPointerInTheOldStateFailsWithNoPartialState) {
    std::string before = test_program::digest();
    uint64_t objects = harness::live_objects();
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old("dangling"));
    ASSERT_FALSE(stats.ok());
    EXPECT_EQ(stats.error().code, neurath::Error::BadAddress);
    EXPECT_NE(text_of(stats.error()).find("inventory::Order"), std::string::npos) << stats.error().text;
    EXPECT_NE(text_of(stats.error()).find("field item: pointer 0x7e57dead0000 targets no object of the old version"), std::string::npos)
        << stats.error().text;
    EXPECT_EQ(harness::live_objects(), objects);
    EXPECT_EQ(test_program::digest(), before);
}

// The same pointer as above, into memory the program declares both versions
// map alike (a driver's DMA window): kept as it is, and the state check passes.
// Run in a child process: the transferred objects stay live in the heap, and
// every later state check in this process would meet the pointer.
bool transfer_with_shared_range() {
    const libupdate::SharedRange window[] = {{0x7e57dead0000, 0x1000}};
    TransferOptions options;
    options.shared_ranges = window;
    options.shared_range_count = 1;
    options.round_trip = true;
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old("dangling"), options);
    if (!stats.ok()) fprintf(stderr, "transfer failed: %s\n", stats.error().text);
    return stats.ok();
}

TEST(InventoryIdentity, APointerIntoASharedRangeIsKeptAndAccepted) {
    EXPECT_EXIT(exit(transfer_with_shared_range() ? 0 : 1), ::testing::ExitedWithCode(0), "");
    const libupdate::SharedRange window[] = {{0x7e57dead0000, 0x1000}};
    EXPECT_TRUE(libupdate::in_shared_range(window, 1, 0x7e57dead0000 + 0x1000)) << "an end pointer is inside";
    EXPECT_FALSE(libupdate::in_shared_range(window, 1, 0x7e57dead0000 - 1));
}

TEST(InventoryIdentity, PointerToAnObjectOfTheWrongTypeFailsTheStateCheck) {
    std::string before = test_program::digest();
    uint64_t objects = harness::live_objects();
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old("wrong-type"));
    ASSERT_FALSE(stats.ok());
    EXPECT_NE(text_of(stats.error()).find("state check: pointer"), std::string::npos) << stats.error().text;
    EXPECT_NE(text_of(stats.error()).find("incompatible type"), std::string::npos) << stats.error().text;
    EXPECT_EQ(harness::live_objects(), objects);
    EXPECT_EQ(test_program::digest(), before);
}

TEST(InventoryIdentity, CorruptedHeapHeaderIsDetected) {
    host::Snapshot snapshot;
    std::string path = harness::snapshot_of_old();
    ASSERT_TRUE(snapshot.load(path.c_str()).ok());
    MemoryReader reader = snapshot.reader();
    RuntimeRoot root = read_value<RuntimeRoot>(reader, snapshot.root()).value();
    HeapRegistry registry = read_value<HeapRegistry>(reader, reinterpret_cast<uint64_t>(root.heap)).value();
    uint64_t first = read_value<uint64_t>(reader, reinterpret_cast<uint64_t>(registry.objects)).value();
    uint64_t garbage = 0x4141414141414141ull;
    ASSERT_TRUE(snapshot.poke(first + offsetof(HeapHeader, tag), &garbage, sizeof garbage));
    uint64_t objects = harness::live_objects();
    Result<TransferStats> stats = harness::transfer_from(snapshot);
    ASSERT_FALSE(stats.ok());
    EXPECT_STREQ(stats.error().text, "corrupted metadata in program image: heap object header (bad magic)");
    EXPECT_EQ(harness::live_objects(), objects);
}

namespace {

Result<bool> filter_over_old_image(const char* text) {
    host::Snapshot snapshot;
    std::string path = harness::snapshot_of_old();
    Result<void> loaded = snapshot.load(path.c_str());
    if (!loaded.ok()) return loaded.error();
    MemoryReader reader = snapshot.reader();
    ProgramModel old_model;
    TRY(old_model.load(reader, snapshot.root(), false));
    MetadataEnvironment environment(old_model, reader, false);
    StateFilter filter = TRY(StateFilter::compile(text));
    return filter.evaluate(environment);
}

}  // namespace

TEST(InventoryIdentity, StateFiltersReadTheOldImageThroughItsMetadata) {
    Result<bool> busy = filter_over_old_image(
        "inventory::mode == 3 && inventory::history_length > 0 && inventory::slots[2].label == \"slot-2\" && "
        "inventory::current_slot->counts[0] >= 0 && inventory::orders->next != null && inventory::mode_name == \"busy\"");
    ASSERT_TRUE(busy.ok()) << busy.error().text;
    EXPECT_TRUE(busy.value());
    Result<bool> idle = filter_over_old_image("inventory::mode == 0");
    ASSERT_TRUE(idle.ok()) << idle.error().text;
    EXPECT_FALSE(idle.value());
}

TEST(InventoryIdentity, StateFiltersNameUnknownVariablesAndMismatchedTypes) {
    Result<bool> unknown = filter_over_old_image("inventory::pending == 0");
    ASSERT_FALSE(unknown.ok());
    EXPECT_STREQ(unknown.error().text, "state filter, column 1: unknown variable 'inventory::pending'");
    Result<bool> mismatch = filter_over_old_image("inventory::slots == 1");
    ASSERT_FALSE(mismatch.ok());
    EXPECT_STREQ(mismatch.error().text, "state filter, column 18: type mismatch: '==' cannot take inventory::Slot[6] and integer");
    Result<bool> field = filter_over_old_image("inventory::orders->amout > 0");
    ASSERT_FALSE(field.ok());
    EXPECT_STREQ(field.error().text, "state filter, column 20: no field 'amout' in inventory::Order");
    Result<bool> bounds = filter_over_old_image("inventory::slots[6].counts[0] == 0");
    ASSERT_FALSE(bounds.ok());
    EXPECT_STREQ(bounds.error().text, "state filter, column 17: index 6 out of bounds for inventory::Slot[6]");
}

namespace {

int parks = 0;
void count_park(const lu_quiescent_point*, void*) { ++parks; }

}  // namespace

TEST(InventoryIdentity, ParksAtAQuiescentPointOnceTheStateFilterHolds) {
    parks = 0;
    test_program::workload(1);
    QuiescenceRequest request;
    request.state_filter = "inventory::mode == 7";
    request.park = count_park;
    ASSERT_TRUE(quiescence_request(request).ok());
    __lu_quiescent_enter(nullptr);  // busy: the filter holds back the update
    __lu_quiescent_leave(nullptr);
    EXPECT_EQ(parks, 0);
    EXPECT_TRUE(quiescence_pending());
    test_program::workload(2);  // ends in Mode::Closing (7)
    __lu_quiescent_enter(nullptr);
    EXPECT_EQ(parks, 1);
    EXPECT_FALSE(quiescence_pending());
    EXPECT_GE(quiescence_stats().filter_rejections, 1u);
}

TEST(InventoryIdentity, UpdateRequestWithABadFilterIsRefusedAtOnce) {
    QuiescenceRequest request;
    request.state_filter = "inventory::mode == \"busy\"";
    request.park = count_park;
    Result<void> refused = quiescence_request(request);
    ASSERT_FALSE(refused.ok());
    EXPECT_STREQ(refused.error().text, "state filter, column 17: type mismatch: '==' cannot take inventory::Mode and string");
    EXPECT_FALSE(quiescence_pending());
}

TEST(InventoryIdentity, IntrospectionListsTheTransferredObjectsWithTheirTypes) {
    ASSERT_TRUE(harness::transfer_from(harness::snapshot_of_old()).ok());
    ProgramModel model;
    ASSERT_TRUE(model.load_local().ok());
    EXPECT_EQ(count_objects_of_type(model, "inventory::RingNode"), 5u);
    EXPECT_EQ(count_objects_of_type(model, "inventory::Item"), 8u);  // one per name
    uint64_t globals_with_pointers = 0;
    for_each_global(model, [&](const GlobalRecord& g, const TypeRecord& type) {
        globals_with_pointers += (type.flags & LU_TYPE_HAS_POINTERS) != 0 && StringView(g.name).starts_with("inventory::");
        return true;
    });
    EXPECT_GE(globals_with_pointers, 8u);
}

TEST(InventoryIdentity, AnUpdatedProgramCanBeUpdatedAgain) {
    ASSERT_TRUE(harness::transfer_from(harness::snapshot_of_old()).ok());
    // Second generation: this process's state now holds runtime-made sites
    // and copied strings; it must be readable as an old image in turn.
    std::string path = std::string(::testing::TempDir()) + "lu-second-generation.snap";
    ASSERT_TRUE(host::write_snapshot(path.c_str()).ok());
    Result<TransferStats> again = harness::transfer_from(path);
    ASSERT_TRUE(again.ok()) << again.error().text;
    EXPECT_EQ(test_program::digest(), harness::native_digest(1));
}
