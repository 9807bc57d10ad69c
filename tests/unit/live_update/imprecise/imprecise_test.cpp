// imprecise_test.cpp — no silent success: state the metadata does not type
// precisely is scanned for likely pointers. Without addresses in it, it is
// copied and the program continues. With an address hidden in it (one test
// per kind: unknown-type object, bytes past a typed object's last element,
// code and global addresses), address-preserving transfer keeps the target
// heap object at its address, or remaps the function or global by name, and
// the program finds what it hid. An address into freed memory travels as it
// is; an address into a library's data or the program's image outside every
// variable is refused with the object, offset, word and reason, leaving the
// new version's state as it was. An object allocated through an allocator
// wrapper (behind a function pointer) is typed at the wrapper's call site, so
// its pointer is relocated.
#include <gtest/gtest.h>

#include <string>
#include <sys/mman.h>

#include <libupdate/program_model.h>

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

// The scenario's hidden word, after the transfer (imprecise.c).
extern "C" int program_hidden_pointer_intact(const char* how);

TransferStats expect_success(const char* scenario) {
    TransferOptions options;
    options.round_trip = true;
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old(scenario), options);
    EXPECT_TRUE(stats.ok()) << scenario << ": " << stats.error().text;
    if (!stats.ok()) return {};
    EXPECT_EQ(test_program::digest(), harness::native_digest(1)) << scenario;
    return stats.value();
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

TEST(ImpreciseState, AnObjectAnUnknownTypeObjectPointsToKeepsItsAddress) {
    TransferStats stats = expect_success("unknown-object");
    EXPECT_EQ(stats.pinned_objects, 1u);
    EXPECT_EQ(stats.kept_likely_pointers, 1u);
    EXPECT_EQ(program_hidden_pointer_intact("unknown-object"), 1);
}

TEST(ImpreciseState, AnObjectBytesPastTheLastElementPointToKeepsItsAddress) {
    TransferStats stats = expect_success("trailing-bytes");
    EXPECT_EQ(stats.pinned_objects, 1u);
    EXPECT_EQ(program_hidden_pointer_intact("trailing-bytes"), 1);
}

TEST(ImpreciseState, ACodeAddressInAnUnknownTypeObjectIsRemappedByName) {
    TransferStats stats = expect_success("code-address");
    EXPECT_EQ(stats.remapped_likely_pointers, 1u);
    EXPECT_EQ(program_hidden_pointer_intact("code-address"), 1);
}

TEST(ImpreciseState, AGlobalAddressInAnUnknownTypeObjectIsRemappedByName) {
    TransferStats stats = expect_success("global-address");
    EXPECT_EQ(stats.remapped_likely_pointers, 1u);
    EXPECT_EQ(program_hidden_pointer_intact("global-address"), 1);
}

TEST(ImpreciseState, AnObjectCarvedOutOfRawBytesHasItsFunctionRemapped) {
    TransferStats stats = expect_success("carved-object");
    EXPECT_GE(stats.remapped_likely_pointers, 1u);
    EXPECT_EQ(program_hidden_pointer_intact("carved-object"), 1);
}

TEST(ImpreciseState, TheRoomBehindARecordAllocatedAsDataIsCopiedUnscanned) {
    TransferStats stats = expect_success("data-tail");  // scanned, the literal's address would be refused
    EXPECT_EQ(stats.pinned_objects, 0u);
    EXPECT_EQ(program_hidden_pointer_intact("data-tail"), 1);
}

TEST(ImpreciseState, ADeclaredDataBufferIsCopiedUnscanned) {
    TransferStats stats = expect_success("data-buffer");
    EXPECT_EQ(stats.remapped_likely_pointers, 0u);
    EXPECT_EQ(program_hidden_pointer_intact("data-buffer"), 1);
}

// The new version uses the page the kept object needs: refused, nothing changed.
TEST(ImpreciseState, AnObjectThatMustKeepItsAddressWhereTheNewVersionHasMemoryIsRefused) {
    const std::string path = harness::snapshot_of_old("unknown-object");
    host::Snapshot snapshot;
    ASSERT_TRUE(snapshot.load(path.c_str()).ok());
    ProgramModel old;
    ASSERT_TRUE(old.load(snapshot.reader(), snapshot.root(), false).ok());
    const GlobalRecord* target = old.find_global("target");
    ASSERT_NE(target, nullptr);
    uint64_t old_target = 0;
    ASSERT_TRUE(snapshot.reader()(target->address, &old_target, sizeof old_target).ok());
    void* page = reinterpret_cast<void*>((old_target - 16) & ~uint64_t{4095});
    void* taken = mmap(page, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    ASSERT_EQ(taken, page);
    std::string before = test_program::digest();
    uint64_t objects = harness::live_objects();
    Result<TransferStats> stats = harness::transfer_from(snapshot);
    munmap(page, 4096);
    ASSERT_FALSE(stats.ok());
    EXPECT_EQ(stats.error().code, neurath::Error::AlreadyExists) << stats.error().text;
    EXPECT_NE(std::string(stats.error().text).find("must keep its address (imprecise state points to it), but the address "
                                                   "range is in use in the new version"), std::string::npos)
        << stats.error().text;
    EXPECT_EQ(harness::live_objects(), objects);
    EXPECT_EQ(test_program::digest(), before);
}

TEST(ImpreciseState, AnAddressIntoFreedMemoryTravelsAsItIs) {
    TransferStats stats = expect_success("freed-memory");
    EXPECT_EQ(stats.dangling_likely_pointers, 1u);
    EXPECT_EQ(stats.pinned_objects, 0u);
}

TEST(ImpreciseState, AnAddressIntoALibrarysDataIsRefused) {
    expect_refusal("library-data", "allocated in raw_block): likely pointer at offset 40 (untyped object), not relocatable "
                   "(a file is mapped there, not a variable)", "-> old memory outside every object");
}

TEST(ImpreciseState, AnAddressOfAStringLiteralIsRefused) {
    expect_refusal("string-literal", "likely pointer at offset 40 (untyped object), not relocatable (a file is mapped there, "
                   "not a variable)", "-> old memory outside every object");
}
