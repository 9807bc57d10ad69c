// filter.h — state filters: predicates over a program's named variables.
//
// A state filter is a small C-like expression, e.g.
//     pending == 0 && queue.len < 4 && current->state != BUSY_STATE
// compiled once (StateFilter::compile) and evaluated at each quiescent point
// (StateFilter::evaluate) against a FilterEnvironment, the abstract interface
// that resolves variable names, fields, array elements and pointer targets.
// The metadata-backed environment lives in state_environment.h; tests may
// supply their own.
//
// Grammar (lowest to highest precedence):
//   or      := and ( "||" and )*
//   and     := bitor ( "&&" bitor )*
//   bitor   := bitand ( "|" bitand )*
//   bitand  := equal ( "&" equal )*
//   equal   := compare ( ("==" | "!=") compare )*
//   compare := sum ( ("<" | "<=" | ">" | ">=") sum )*
//   sum     := product ( ("+" | "-") product )*
//   product := unary ( ("*" | "/" | "%") unary )*
//   unary   := ("!" | "-" | "~" | "*") unary | postfix
//   postfix := primary ( "." name | "->" name | "[" or "]" )*
//   primary := integer | "string" | true | false | null | name | "(" or ")"
// Names may contain "::" (C++ qualified names). Integers are decimal or 0x hex.
// Errors (syntax, unknown names, type mismatches, null dereference, division
// by zero) name the column and the offending text.
//
// Entry points: FilterValue, FilterEnvironment, StateFilter.
#pragma once

#include <libupdate/result.h>
#include <libupdate/text.h>
#include <libupdate/vector.h>

namespace libupdate {

enum class ValueKind : uint8_t {
    Integer,  // any integer or enum; `is_signed` says how to read `bits`
    Boolean,
    Pointer,  // `bits` is the address held; `type` is the pointee handle
    Object,   // struct, union or array living at `address`
    String,   // a string literal from the filter text
    Null,     // the literal null
};

struct FilterValue {
    ValueKind kind = ValueKind::Integer;
    bool is_signed = true;
    uint64_t bits = 0;
    uint64_t address = 0;    // where the value lives (0 for literals and results)
    uint32_t type = 0;       // opaque handle owned by the environment
    StringView type_name;    // for error messages
    StringView text;         // String literals only

    static FilterValue integer(int64_t v) {
        FilterValue value;
        value.bits = static_cast<uint64_t>(v);
        value.type_name = "integer";
        return value;
    }
    static FilterValue unsigned_integer(uint64_t v) {
        FilterValue value;
        value.bits = v;
        value.is_signed = false;
        value.type_name = "unsigned integer";
        return value;
    }
    static FilterValue boolean(bool b) {
        FilterValue value;
        value.kind = ValueKind::Boolean;
        value.bits = b;
        value.type_name = "bool";
        return value;
    }
};

// Resolves names against some program state. Default implementations refuse.
class FilterEnvironment {
public:
    virtual Result<FilterValue> variable(StringView name);
    virtual Result<FilterValue> field(const FilterValue& object, StringView field_name);
    virtual Result<FilterValue> element(const FilterValue& array_or_pointer, int64_t index);
    virtual Result<FilterValue> dereference(const FilterValue& pointer);
    // Compare a char array or char pointer with a string literal.
    virtual Result<bool> string_equals(const FilterValue& value, StringView text);

protected:
    ~FilterEnvironment() = default;
};

enum class FilterOp : uint8_t {
    Or, And, BitOr, BitAnd, Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual,
    Add, Subtract, Multiply, Divide, Remainder, Not, Negate, Complement, Dereference,
};

enum class FilterNodeKind : uint8_t { Integer, String, True, False, Null, Name, Binary, Unary, Field, Arrow, Index };

struct FilterNode {
    FilterNodeKind kind;
    FilterOp op;
    int32_t left = -1;   // child node indices
    int32_t right = -1;
    uint64_t integer = 0;
    StringView name;     // Name / Field / Arrow / String: points into the filter's own copy of the text
    uint32_t column = 0; // 1-based, for errors
};

class StateFilter {
public:
    StateFilter() = default;
    StateFilter(StateFilter&& other);
    StateFilter& operator=(StateFilter&& other);
    StateFilter(const StateFilter&) = delete;
    StateFilter& operator=(const StateFilter&) = delete;
    ~StateFilter();

    // Parse `source`; the filter keeps its own copy of the text.
    static Result<StateFilter> compile(StringView source);

    // True when the state satisfies the filter. Integers and pointers are
    // accepted as conditions (non-zero / non-null), as in C.
    Result<bool> evaluate(FilterEnvironment& environment) const;
    // The value of the whole expression (for diagnostics and tests).
    Result<FilterValue> evaluate_value(FilterEnvironment& environment) const;

    const char* source() const { return text_; }
    const Vector<FilterNode>& nodes() const { return nodes_; }

private:
    friend class FilterParser;
    char* text_ = nullptr;
    Vector<FilterNode> nodes_;
    int32_t root_ = -1;
};

}  // namespace libupdate
