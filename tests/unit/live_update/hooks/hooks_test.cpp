// hooks_test.cpp — semantic changes no rule can infer: an int field that
// became a struct, a union that holds a pointer, a variable whose unit
// changed. Without hooks the update fails cleanly, naming what needs one;
// with type and variable hooks it succeeds and behaves like a native run.
#include <gtest/gtest.h>

#include <cstring>

#include "harness.h"
#include "program.h"
#include "sensors_v2.h"

using namespace libupdate;

namespace {

// int reading -> Measurement{value, scale 0}.
Result<void> convert_measurement(TransferContext& context, const OldValue& old, void* destination, TypeId, void*) {
    auto* measurement = static_cast<sensors::Measurement*>(destination);
    measurement->value = static_cast<int>(TRY(context.integer(old)));
    measurement->scale = 0;
    return {};
}

// The union's active member is named by `kind`.
Result<void> convert_event(TransferContext& context, const OldValue& old, void* destination, TypeId, void*) {
    auto* event = static_cast<sensors::Event*>(destination);
    event->kind = static_cast<int>(TRY(context.integer(TRY(context.field(old, "kind")))));
    OldValue payload = TRY(context.field(old, "payload"));
    if (event->kind == 1)
        event->payload.sensor = reinterpret_cast<sensors::Sensor*>(TRY(context.pointer(TRY(context.field(payload, "sensor")))));
    else
        event->payload.number = TRY(context.integer(TRY(context.field(payload, "number"))));
    return {};
}

// Whole units -> tenths.
Result<void> convert_threshold(TransferContext& context, const OldValue* old, void* destination, TypeId, void*) {
    if (!old) return make_error(neurath::Error::NotFound, "old version had no threshold");
    *static_cast<int*>(destination) = static_cast<int>(TRY(context.integer(*old))) * 10;
    return {};
}

const TypeHookEntry kTypeHooks[] = {
    {"sensors::Measurement", convert_measurement, nullptr},
    {"sensors::Event", convert_event, nullptr},
};
const VariableHookEntry kVariableHooks[] = {{"sensors::threshold", convert_threshold, nullptr}};

TransferOptions with_hooks(size_t type_hooks, bool variable_hook) {
    TransferOptions options;
    options.type_hooks = kTypeHooks;
    options.type_hook_count = type_hooks;
    options.variable_hooks = kVariableHooks;
    options.variable_hook_count = variable_hook ? 1 : 0;
    return options;
}

}  // namespace

TEST(Hooks, IncompatibleChangeWithoutAHookFailsWithNoPartialState) {
    std::string before = test_program::digest();
    uint64_t objects = harness::live_objects();
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old(), with_hooks(0, false));
    ASSERT_FALSE(stats.ok());
    EXPECT_EQ(stats.error().code, neurath::Error::NotSupported);
    EXPECT_STREQ(stats.error().text,
                 "variable 'sensors::table', field [0].reading: incompatible type change; needs a transfer hook "
                 "(old type int, new type struct sensors::Measurement)");
    EXPECT_EQ(test_program::digest(), before);
    EXPECT_EQ(harness::live_objects(), objects);
}

// Without its hook, the union's bytes are imprecise: the address in them
// targets a variable whose layout changed, so it can neither stay nor be
// remapped, and the transfer refuses.
TEST(Hooks, UnionHoldingAPointerIntoAChangedVariableNeedsAHook) {
    std::string before = test_program::digest();
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old(), with_hooks(1, true));
    ASSERT_FALSE(stats.ok());
    EXPECT_NE(std::string(stats.error().text).find("field payload: likely pointer at offset 0 (union whose active member is "
                                                   "unknown), not relocatable (its variable changed layout)"),
              std::string::npos)
        << stats.error().text;
    EXPECT_NE(std::string(stats.error().text).find("-> variable 'sensors::table' +32"), std::string::npos) << stats.error().text;
    EXPECT_EQ(test_program::digest(), before);
}

TEST(Hooks, TypeAndVariableHooksCompleteTheUpdate) {
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old(), with_hooks(2, true));
    ASSERT_TRUE(stats.ok()) << stats.error().text;
    EXPECT_EQ(sensors::table[3].reading.value, 28);
    EXPECT_EQ(sensors::table[3].reading.scale, 0);
    EXPECT_STREQ(sensors::table[1].unit, "hPa");
    EXPECT_EQ(sensors::threshold, 250);
    EXPECT_EQ(sensors::last_event.payload.sensor, &sensors::table[2]);
    EXPECT_EQ(sensors::first_event.payload.number, 99);
    EXPECT_EQ(test_program::digest(), harness::native_digest(1));
}

TEST(Hooks, WithoutTheVariableHookTheOldUnitIsCopiedAsIs) {
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old(), with_hooks(2, false));
    ASSERT_TRUE(stats.ok()) << stats.error().text;
    EXPECT_EQ(sensors::threshold, 25);  // what a missing hook costs: the semantic change is lost
}

namespace {

bool threshold_is_positive(void*) { return sensors::threshold > 0; }
bool threshold_is_huge(void*) { return sensors::threshold > 1000; }

}  // namespace

TEST(Hooks, ProgramInvariantsGuardTheCommit) {
    InvariantEntry holds{"threshold > 0", threshold_is_positive, nullptr};
    TransferOptions options = with_hooks(2, true);
    options.invariants = &holds;
    options.invariant_count = 1;
    ASSERT_TRUE(harness::transfer_from(harness::snapshot_of_old(), options).ok());

    std::string before = test_program::digest();
    InvariantEntry fails{"threshold > 1000", threshold_is_huge, nullptr};
    options.invariants = &fails;
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old(), options);
    ASSERT_FALSE(stats.ok());
    EXPECT_STREQ(stats.error().text, "state check: invariant 'threshold > 1000' does not hold after transfer");
    EXPECT_EQ(test_program::digest(), before);
}

TEST(Hooks, RoundTripCannotInvertASemanticTypeHook) {
    // The round trip converts the new state back with the default rules: the
    // int -> Measurement hook has no inverse, so the check refuses the update
    // and names that value. The variable hook's change (25 -> 250) is not
    // compared: a variable hook changes a value's meaning on purpose.
    std::string before = test_program::digest();
    TransferOptions options = with_hooks(2, true);
    options.round_trip = true;
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old(), options);
    ASSERT_FALSE(stats.ok());
    std::string text = stats.error().text;
    EXPECT_NE(text.find("reading: incompatible type change"), std::string::npos) << text;
    EXPECT_EQ(text.find("threshold"), std::string::npos) << text;
    EXPECT_EQ(test_program::digest(), before);
}
