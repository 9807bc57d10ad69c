// imprecise_test.cpp — no silent success: state the metadata does not type
// precisely is scanned for likely pointers. Without addresses in it, it is
// copied and the program continues; with an address hidden in it (one test
// per kind: unknown-type object, bytes past a typed object's last element,
// code and global addresses), the transfer refuses with the object, offset,
// word and target, and leaves the new version's state as it was. An object
// allocated through an allocator wrapper (behind a function pointer) is
// typed at the wrapper's call site, so its pointer is relocated.
#include <gtest/gtest.h>

#include <string>

#include "harness.h"
#include "program.h"

using namespace libupdate;

namespace {

void expect_refusal(const char* scenario, const char* where, const char* target) {
    std::string before = test_program::digest();
    uint64_t objects = harness::live_objects();
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old(scenario));
    ASSERT_FALSE(stats.ok()) << scenario << ": the transfer copied a likely pointer it cannot relocate";
    std::string text = stats.error().text;
    EXPECT_EQ(stats.error().code, neurath::Error::NotSupported) << text;
    EXPECT_NE(text.find(where), std::string::npos) << text;
    EXPECT_NE(text.find(target), std::string::npos) << text;
    EXPECT_EQ(harness::live_objects(), objects);
    EXPECT_EQ(test_program::digest(), before);
}

}  // namespace

TEST(ImpreciseState, WithoutAddressesItIsCopiedAndScanned) {
    TransferOptions options;
    options.round_trip = true;
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old(), options);
    ASSERT_TRUE(stats.ok()) << stats.error().text;
    EXPECT_GE(stats.value().scanned_bytes, 64u + 8u);  // the unknown object and the extra room
    EXPECT_EQ(test_program::digest(), harness::native_digest(1));  // includes: linked->to == target
}

TEST(ImpreciseState, AnUnknownTypeObjectHoldingAnAddressIsRefused) {
    expect_refusal("unknown-object", "allocated in raw_block): likely pointer at offset 40 (untyped object), not relocatable: 0x",
                   "-> heap object 0x");
}

TEST(ImpreciseState, BytesPastTheLastElementHoldingAnAddressAreRefused) {
    expect_refusal("trailing-bytes", "(struct record, allocated in program_workload): likely pointer at offset 32 (past the last element)",
                   "(struct record, allocated in program_workload) +0");
}

TEST(ImpreciseState, ACodeAddressInAnUnknownTypeObjectIsRefused) {
    expect_refusal("code-address", "offset 48 (untyped object)", "-> code of 'weigh' +0");
}

TEST(ImpreciseState, AGlobalAddressInAnUnknownTypeObjectIsRefused) {
    expect_refusal("global-address", "offset 56 (untyped object)", "-> variable 'counter' +0");
}
