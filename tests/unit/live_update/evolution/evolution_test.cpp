// evolution_test.cpp — one update that changes almost every type of the
// registry program (see registry_v2.cpp); one test per kind of change, plus
// the failure modes: a narrowing that does not fit and an array shrunk
// while its dropped elements are in use must fail cleanly.
#include <gtest/gtest.h>

#include "harness.h"
#include "program.h"
#include "registry_v2.h"

using namespace libupdate;

namespace {

// Transfer once per process; every test looks at the same result.
const Result<TransferStats>& transferred() {
    static Result<TransferStats> result = [] {
        TransferOptions options;
        options.round_trip = false;
        return harness::transfer_from(harness::snapshot_of_old());
    }();
    return result;
}

Customer* customer(long id) {
    for (Customer* c = accounts; c; c = c->next)
        if (c->id == id) return c;
    return nullptr;
}

class Evolution : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(transferred().ok()) << transferred().error().text; }
};

}  // namespace

TEST_F(Evolution, TransferredStateBehavesLikeTheNativeHistory) {
    ASSERT_EQ(test_program::digest(), harness::native_digest(1));
}

TEST_F(Evolution, RenamedTypeAndVariableAreMatched) {
    EXPECT_EQ(customer_count, 10);
    int listed = 0;
    for (Customer* c = accounts; c; c = c->next) ++listed;
    EXPECT_EQ(listed, 10);
}

TEST_F(Evolution, WidenedIntegerKeepsItsValue) {
    for (long id = 1; id <= 10; ++id) ASSERT_NE(customer(id), nullptr) << id;
}

TEST_F(Evolution, NarrowedIntegerInRangeIsConverted) { EXPECT_EQ(customer(9)->visits, 9000); }

TEST_F(Evolution, ReorderedFieldKeepsItsValue) {
    for (long id = 1; id <= 10; ++id) EXPECT_EQ(customer(id)->balance, id * 3);
}

TEST_F(Evolution, AddedFieldTakesItsDeclaredDefault) {
    for (long id = 1; id <= 10; ++id) EXPECT_EQ(customer(id)->priority, 5);
}

TEST_F(Evolution, AddedFieldWithoutDefaultIsZeroed) {
    for (long id = 1; id <= 10; ++id) EXPECT_EQ(customer(id)->best_friend, nullptr);
}

TEST_F(Evolution, GrownArraysKeepTheirElementsAndZeroTheRest) {
    EXPECT_STREQ(customer(4)->name, "acct-4");
    EXPECT_EQ(customer(4)->name[23], '\0');
    int expected[8] = {10, 20, 30, 40, 0, 0, 0, 0};
    for (int i = 0; i < 8; ++i) EXPECT_EQ(scores[i], expected[i]) << i;
}

TEST_F(Evolution, ShrunkArrayKeepsTheElementsThatFit) {
    for (int i = 0; i < 4; ++i) EXPECT_EQ(totals[i], 1000 + i);
}

TEST_F(Evolution, EnumeratorsTravelByName) {
    EXPECT_EQ(customer(3)->color, Red);    // 3 % 3 == Red (0 in v1, 20 in v2)
    EXPECT_EQ(customer(4)->color, Green);
    EXPECT_EQ(customer(5)->color, Blue);
}

// Regression: an enum-typed bit-field was copied by value, so renumbering the
// enum between versions silently changed every such field's meaning.
TEST_F(Evolution, EnumBitFieldsTravelByName) {
    EXPECT_EQ(customer(3)->kind, Checking);  // 3 % 3 == Checking (0 in v1, 7 in v2)
    EXPECT_EQ(customer(4)->kind, Savings);   // 1 in v1, 12 in v2
    EXPECT_EQ(customer(5)->kind, Loan);      // 2 in v1, 3 in v2
}

TEST_F(Evolution, InteriorPointerFollowsItsFieldToTheNewOffset) {
    EXPECT_EQ(balance_ptr, &customer(7)->balance);
    EXPECT_EQ(*balance_ptr, 21);
}

TEST_F(Evolution, PointerArrayTargetsTheNewObjects) {
    for (long id = 1; id <= 10; ++id) EXPECT_EQ(by_id[id % 16], customer(id));
}

TEST_F(Evolution, TheNewVersionContinuesLikeANativeRun) {
    test_program::workload(2);
    EXPECT_EQ(test_program::digest(), harness::native_digest(2));
}

// Failure modes run in their own processes' fresh state: check no partial state.
TEST(EvolutionFailure, NarrowingThatDoesNotFitFailsWithNoPartialState) {
    std::string before = test_program::digest();
    uint64_t objects = harness::live_objects();
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old("overflow"));
    ASSERT_FALSE(stats.ok());
    EXPECT_EQ(stats.error().code, neurath::Error::TooBig);
    std::string text = stats.error().text;
    EXPECT_NE(text.find("struct Account, allocated in add"), std::string::npos) << text;
    EXPECT_NE(text.find("field visits: value 5000000000 does not fit the new type (old type long, new type int)"),
              std::string::npos) << text;
    EXPECT_EQ(harness::live_objects(), objects);
    EXPECT_EQ(test_program::digest(), before);
}

TEST(EvolutionFailure, ShrinkingAnArrayWhoseDroppedElementsAreInUseFails) {
    std::string before = test_program::digest();
    uint64_t objects = harness::live_objects();
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old("shrink-in-use"));
    ASSERT_FALSE(stats.ok());
    EXPECT_STREQ(stats.error().text,
                 "variable 'totals', field [6]: array shrank but this dropped element is in use "
                 "(old type long[8], new type long[4])");
    EXPECT_EQ(harness::live_objects(), objects);
    EXPECT_EQ(test_program::digest(), before);
}

TEST(EvolutionRoundTrip, TypeChangingUpdateSurvivesOldNewOld) {
    // Elements a grown global array gains keep the new version's values; make
    // them those of a fresh new version, whatever earlier tests in this process did.
    for (int i = 4; i < 8; ++i) scores[i] = 0;
    TransferOptions options;
    options.round_trip = true;
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old(), options);
    ASSERT_TRUE(stats.ok()) << stats.error().text;
    EXPECT_EQ(test_program::digest(), harness::native_digest(1));
}

namespace {

// A buggy hand-written conversion: lets the rules do the work, then loses the balance.
Result<void> forgetful_customer_hook(TransferContext& context, const OldValue& old, void* destination, TypeId type, void*) {
    TRY(context.convert_default(old, destination, type));
    static_cast<Customer*>(destination)->balance = 0;
    return {};
}

}  // namespace

TEST(EvolutionRoundTrip, CatchesAHookThatLosesData) {
    TypeHookEntry hook{"Customer", forgetful_customer_hook, nullptr};
    TransferOptions options;
    options.type_hooks = &hook;
    options.type_hook_count = 1;
    std::string before = test_program::digest();
    ASSERT_TRUE(harness::transfer_from(harness::snapshot_of_old(), options).ok());  // unnoticed without the check
    EXPECT_EQ(customer(3)->balance, 0);

    options.round_trip = true;
    test_program::workload(2);  // change the state, to see it restored on failure
    std::string changed = test_program::digest();
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old(), options);
    ASSERT_FALSE(stats.ok());
    EXPECT_NE(std::string(stats.error().text).find("round-trip check: heap object"), std::string::npos) << stats.error().text;
    EXPECT_NE(std::string(stats.error().text).find("after old -> new -> old"), std::string::npos) << stats.error().text;
    EXPECT_EQ(test_program::digest(), changed);
    (void)before;
}
