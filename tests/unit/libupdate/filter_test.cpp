// filter_test.cpp — the state-filter language: parsing, evaluation over an
// abstract environment, and its error messages.
#include <libupdate/filter.h>

#include <gtest/gtest.h>

#include <map>
#include <string>

using namespace libupdate;

namespace {

// A toy program state: integers, a bool, a struct `queue` {len, cap},
// an array `slots` of 4 ints, a pointer `head` to a struct {len}, a null
// pointer `none`, and a char array `name`.
class FakeState : public FilterEnvironment {
public:
    std::map<std::string, int64_t> integers{{"pending", 0}, {"limit", 10}, {"negative", -5}};
    int64_t queue_len = 3;
    int64_t slots[4] = {7, 8, 9, 10};
    std::string name = "ready";
    bool busy = false;

    Result<FilterValue> variable(StringView n) override {
        std::string key(n.data, n.length);
        if (integers.count(key)) return named(FilterValue::integer(integers[key]), "int");
        if (key == "busy") return named(FilterValue::boolean(busy), "bool");
        if (key == "queue") return object(1, "struct queue");
        if (key == "slots") return object(2, "int[4]");
        if (key == "name") return object(3, "char[8]");
        if (key == "head") return pointer(0x1000, 1);
        if (key == "none") return pointer(0, 1);
        return make_error(neurath::Error::NotFound, "unknown variable '", key.c_str(), "'");
    }
    Result<FilterValue> field(const FilterValue& o, StringView f) override {
        if (o.type == 1 && f == StringView("len")) return named(FilterValue::integer(queue_len), "int");
        if (o.type == 1 && f == StringView("cap")) return named(FilterValue::unsigned_integer(4), "unsigned");
        return make_error(neurath::Error::NotFound, "no such field");
    }
    Result<FilterValue> element(const FilterValue& o, int64_t i) override {
        if (o.type != 2) return make_error(neurath::Error::InvalidArgument, "not an array");
        if (i < 0 || i >= 4) return make_error(neurath::Error::InvalidArgument, "index out of bounds");
        return named(FilterValue::integer(slots[i]), "int");
    }
    Result<FilterValue> dereference(const FilterValue& p) override { return object(1, "struct queue"); }
    Result<bool> string_equals(const FilterValue& v, StringView text) override {
        if (v.type != 3) return make_error(neurath::Error::InvalidArgument, "not a string");
        return name == std::string(text.data, text.length);
    }

private:
    static FilterValue named(FilterValue v, const char* type) {
        v.type_name = type;
        return v;
    }
    static FilterValue object(uint32_t type, const char* name) {
        FilterValue v;
        v.kind = ValueKind::Object;
        v.type = type;
        v.type_name = name;
        return v;
    }
    static FilterValue pointer(uint64_t bits, uint32_t type) {
        FilterValue v;
        v.kind = ValueKind::Pointer;
        v.bits = bits;
        v.type = type;
        v.type_name = "struct queue*";
        return v;
    }
};

bool holds(const char* text, FakeState& state) {
    Result<StateFilter> filter = StateFilter::compile(text);
    EXPECT_TRUE(filter.ok()) << text << ": " << filter.error().text;
    if (!filter.ok()) return false;
    Result<bool> result = filter.value().evaluate(state);
    EXPECT_TRUE(result.ok()) << text << ": " << result.error().text;
    return result.ok() && result.value();
}

std::string compile_error(const char* text) {
    Result<StateFilter> filter = StateFilter::compile(text);
    EXPECT_FALSE(filter.ok()) << text;
    return filter.ok() ? "" : filter.error().text;
}

std::string evaluation_error(const char* text, FakeState& state) {
    Result<StateFilter> filter = StateFilter::compile(text);
    EXPECT_TRUE(filter.ok()) << filter.error().text;
    Result<bool> result = filter.value().evaluate(state);
    EXPECT_FALSE(result.ok()) << text;
    return result.ok() ? "" : result.error().text;
}

}  // namespace

TEST(StateFilter, EvaluatesTheIssueExample) {
    FakeState state;
    EXPECT_TRUE(holds("pending == 0 && queue.len < 4", state));
    state.queue_len = 4;
    EXPECT_FALSE(holds("pending == 0 && queue.len < 4", state));
    state.queue_len = 0;
    state.integers["pending"] = 2;
    EXPECT_FALSE(holds("pending == 0 && queue.len < 4", state));
}

TEST(StateFilter, FollowsCPrecedenceAndArithmetic) {
    FakeState state;
    EXPECT_TRUE(holds("1 + 2 * 3 == 7", state));
    EXPECT_TRUE(holds("(1 + 2) * 3 == 9", state));
    EXPECT_TRUE(holds("limit / 3 == 3 && limit % 3 == 1", state));
    EXPECT_TRUE(holds("-limit == 0 - 10", state));
    EXPECT_TRUE(holds("(limit & 2) == 2 && (limit | 1) == 11", state));
    EXPECT_TRUE(holds("0x10 == 16", state));
    EXPECT_TRUE(holds("!(pending != 0) || busy", state));
    EXPECT_TRUE(holds("~0 == -1", state));
}

TEST(StateFilter, ComparesSignedAndUnsignedAsMathematicalValues) {
    FakeState state;
    EXPECT_TRUE(holds("negative < queue.cap", state));  // -5 < 4u: false in C, true here
    EXPECT_TRUE(holds("0xffffffffffffffff > 0", state));
}

TEST(StateFilter, IndexesArraysAndFollowsPointers) {
    FakeState state;
    EXPECT_TRUE(holds("slots[0] + slots[3] == 17", state));
    EXPECT_TRUE(holds("slots[limit - 9] == 8", state));
    EXPECT_TRUE(holds("head != null && head->len == 3", state));
    EXPECT_TRUE(holds("none == null", state));
    EXPECT_TRUE(holds("none == null || none->len == 0", state));  // short-circuit
}

TEST(StateFilter, ComparesStrings) {
    FakeState state;
    EXPECT_TRUE(holds("name == \"ready\"", state));
    EXPECT_TRUE(holds("name != \"busy\"", state));
}

TEST(StateFilter, IntegersAndPointersAreConditions) {
    FakeState state;
    EXPECT_TRUE(holds("limit && head", state));
    EXPECT_FALSE(holds("pending || none", state));
}

TEST(StateFilter, ReportsSyntaxErrorsWithColumns) {
    EXPECT_EQ(compile_error("pending == "), "state filter, column 9: missing operand after '=='");
    EXPECT_EQ(compile_error("(pending == 0"), "state filter, column 14: expected ')' to close '('");
    EXPECT_EQ(compile_error("pending # 2"), "state filter, column 9: unexpected character '#'");
    EXPECT_EQ(compile_error("pending 0"), "state filter, column 9: unexpected '0' after a complete expression");
    EXPECT_EQ(compile_error(""), "state filter, column 1: empty filter");
    EXPECT_EQ(compile_error("queue."), "state filter, column 7: expected a field name after '.'");
    EXPECT_EQ(compile_error("12abc"), "state filter, column 1: malformed number '12a'");
    EXPECT_EQ(compile_error("name == \"x"), "state filter, column 9: unterminated string");
    EXPECT_EQ(compile_error("99999999999999999999"), "state filter, column 1: integer too large '99999999999999999999'");
}

TEST(StateFilter, ReportsUnknownNames) {
    FakeState state;
    EXPECT_EQ(evaluation_error("pendng == 0", state), "state filter, column 1: unknown variable 'pendng'");
    EXPECT_EQ(evaluation_error("queue.length > 1", state), "state filter, column 7: no such field");
}

TEST(StateFilter, ReportsTypeMismatches) {
    FakeState state;
    EXPECT_EQ(evaluation_error("queue == 3", state), "state filter, column 7: type mismatch: '==' cannot take struct queue and integer");
    EXPECT_EQ(evaluation_error("busy < 1", state), "state filter, column 6: type mismatch: '<' cannot take bool and integer");
    EXPECT_EQ(evaluation_error("pending.len", state), "state filter, column 9: type mismatch: '.' needs a struct, not 'int'");
    EXPECT_EQ(evaluation_error("limit->len", state), "state filter, column 8: type mismatch: '->' needs a pointer, not 'int'");
    EXPECT_EQ(evaluation_error("queue && 1", state), "state filter, column 1: type mismatch: a condition cannot be 'struct queue'");
    EXPECT_EQ(evaluation_error("head == 0", state), "state filter, column 6: type mismatch: '==' cannot take struct queue* and integer");
    EXPECT_EQ(evaluation_error("slots[busy]", state), "state filter, column 6: type mismatch: an index must be an integer, not 'bool'");
}

TEST(StateFilter, ReportsRuntimeFaultsInsteadOfCrashing) {
    FakeState state;
    EXPECT_EQ(evaluation_error("limit / pending", state), "state filter, column 7: division by zero");
    EXPECT_EQ(evaluation_error("none->len == 0", state), "state filter, column 7: null pointer dereference before 'len'");
    EXPECT_EQ(evaluation_error("slots[4] == 0", state), "state filter, column 6: index out of bounds");
}

TEST(StateFilter, RejectsDeepNestingWithoutOverflowingTheStack) {
    std::string deep(200, '(');
    deep += "1";
    deep += std::string(200, ')');
    EXPECT_NE(compile_error(deep.c_str()).find("nested too deeply"), std::string::npos);
}

TEST(StateFilter, KeepsItsOwnCopyOfTheText) {
    FakeState state;
    std::string text = "limit == 10";
    Result<StateFilter> filter = StateFilter::compile(text.c_str());
    ASSERT_TRUE(filter.ok());
    text.assign("garbage....");
    StateFilter moved = filter.release_value();
    Result<bool> result = moved.evaluate(state);
    ASSERT_TRUE(result.ok());
    EXPECT_TRUE(result.value());
    EXPECT_STREQ(moved.source(), "limit == 10");
}
