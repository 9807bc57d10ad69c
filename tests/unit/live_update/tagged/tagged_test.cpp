// tagged_test.cpp — tagged unions (UnionTagEntry): a TValue-like value whose
// union holds a pointer, a function pointer or a number, as its tag says.
// Without a rule the union's bytes are imprecise: the objects they point to
// keep their address and the function is remapped by name. With one the
// pointers are relocated (sharing kept), the function remapped, the numbers
// copied, the round trip passes, and a tag no rule covers is refused with
// its value. The transfer names the union it scanned, in a variable and in
// the heap (TransferOptions::note_imprecision); with the rule, none.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "harness.h"
#include "program.h"

using namespace libupdate;

namespace {

// Lua's encoding: bit 6 marks a collectable object; the other variants by value.
const UnionMemberRule kValueRules[] = {
    {0x40, 0x40, "gc"}, {0xff, 0x16, "f"}, {0xff, 0x03, "i"}, {0xff, 0x13, "n"}, {0xff, 0x00, ""},
};
const UnionTagEntry kTaggedValue[] = {{"TValue", "value_", "tt_", kValueRules, sizeof kValueRules / sizeof kValueRules[0]}};

TransferOptions with_rule() {
    TransferOptions options;
    options.union_tags = kTaggedValue;
    options.union_tag_count = 1;
    options.round_trip = true;
    return options;
}

// What note_imprecision heard, as "why | function | line | type" lines, in
// fixed memory (the transfer checks this process's heap).
struct Heard {
    char lines[16][160];
    int count = 0;
    bool has(const char* line) const {
        for (int i = 0; i < count; ++i)
            if (std::strcmp(lines[i], line) == 0) return true;
        return false;
    }
};

void hear(void* context, const ImprecisionNote& note) {
    auto* heard = static_cast<Heard*>(context);
    char line[160];
    std::snprintf(line, sizeof line, "%s | %s | %u | %s", note.why, note.site_function, note.site_line, note.type_name);
    if (!heard->has(line) && heard->count < 16) std::memcpy(heard->lines[heard->count++], line, sizeof line);
}

}  // namespace

TEST(TaggedUnion, TheTransferNamesTheUnionItScansInAVariableAndInTheHeapButNotUnderARule) {
    static Heard without, with;
    TransferOptions options;
    options.note_imprecision = hear;
    options.note_context = &without;
    ASSERT_TRUE(harness::transfer_from(harness::snapshot_of_old(), options).ok());
    EXPECT_TRUE(without.has("union whose active member is unknown |  | 0 | Value")) << without.lines[0];  // registers[]
    bool heap = false;  // the stack: its site is calloc's call in program_workload
    for (int i = 0; i < without.count; ++i)
        heap |= std::strncmp(without.lines[i], "union whose active member is unknown | program_workload | ", 58) == 0 &&
                std::strstr(without.lines[i], "| Value") != nullptr;
    EXPECT_TRUE(heap) << without.count;
    TransferOptions ruled = with_rule();
    ruled.note_imprecision = hear;
    ruled.note_context = &with;
    ASSERT_TRUE(harness::transfer_from(harness::snapshot_of_old(), ruled).ok());
    EXPECT_EQ(with.count, 0) << with.lines[0];
}

TEST(TaggedUnion, WithoutARuleTheTargetsKeepTheirAddress) {
    TransferOptions options;
    options.round_trip = true;
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old(), options);
    ASSERT_TRUE(stats.ok()) << stats.error().text;
    EXPECT_EQ(stats.value().pinned_objects, 2u);            // the two boxes (one shared by two values)
    EXPECT_EQ(stats.value().remapped_likely_pointers, 1u);  // the function
    EXPECT_EQ(test_program::digest(), harness::native_digest(1));
    test_program::workload(2);
    EXPECT_EQ(test_program::digest(), harness::native_digest(2));
}

TEST(TaggedUnion, TheTagSelectsTheMemberAndPointersAreRelocated) {
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old(), with_rule());
    ASSERT_TRUE(stats.ok()) << stats.error().text;
    EXPECT_EQ(test_program::digest(), harness::native_digest(1));
    test_program::workload(2);
    EXPECT_EQ(test_program::digest(), harness::native_digest(2));
}

TEST(TaggedUnion, ATagNoRuleCoversIsRefused) {
    uint64_t objects = harness::live_objects();
    Result<TransferStats> stats = harness::transfer_from(harness::snapshot_of_old("unknown-tag"), with_rule());
    ASSERT_FALSE(stats.ok());
    EXPECT_NE(std::string(stats.error().text).find("variable 'registers', field [5].value_: tag tt_ = 42 selects no member"),
              std::string::npos) << stats.error().text;
    EXPECT_EQ(harness::live_objects(), objects);
}
