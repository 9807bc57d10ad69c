// filter_eval.cpp — evaluates a compiled state filter against a
// FilterEnvironment, with C-like arithmetic on 64-bit values and clear errors
// for type mismatches (each naming the column and the types involved).
//
// Entry points: StateFilter::evaluate, StateFilter::evaluate_value, and the
// refusing FilterEnvironment defaults.
#include <libupdate/filter.h>

#include "filter_lexer.h"

namespace libupdate {

namespace {

const char* op_spelling(FilterOp op) {
    switch (op) {
    case FilterOp::Or: return "||";
    case FilterOp::And: return "&&";
    case FilterOp::BitOr: return "|";
    case FilterOp::BitAnd: return "&";
    case FilterOp::Equal: return "==";
    case FilterOp::NotEqual: return "!=";
    case FilterOp::Less: return "<";
    case FilterOp::LessEqual: return "<=";
    case FilterOp::Greater: return ">";
    case FilterOp::GreaterEqual: return ">=";
    case FilterOp::Add: return "+";
    case FilterOp::Subtract: return "-";
    case FilterOp::Multiply: return "*";
    case FilterOp::Divide: return "/";
    case FilterOp::Remainder: return "%";
    case FilterOp::Not: return "!";
    case FilterOp::Negate: return "-";
    case FilterOp::Complement: return "~";
    case FilterOp::Dereference: return "*";
    }
    return "?";
}

UpdateError mismatch(uint32_t column, FilterOp op, const FilterValue& a, const FilterValue* b) {
    UpdateError error;
    error.code = neurath::Error::InvalidArgument;
    TextBuilder text(error.text, kErrorTextSize);
    text.add("state filter, column ").add_unsigned(column).add(": type mismatch: '").add(op_spelling(op));
    text.add("' cannot take ").add(a.type_name);
    if (b) text.add(" and ").add(b->type_name);
    return error;
}

bool is_negative(const FilterValue& v) { return v.is_signed && static_cast<int64_t>(v.bits) < 0; }

// Compare two integers as mathematical values: -1, 0 or 1.
int compare_integers(const FilterValue& a, const FilterValue& b) {
    bool a_negative = is_negative(a), b_negative = is_negative(b);
    if (a_negative != b_negative) return a_negative ? -1 : 1;
    if (a_negative) {
        int64_t x = static_cast<int64_t>(a.bits), y = static_cast<int64_t>(b.bits);
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    return a.bits < b.bits ? -1 : (a.bits > b.bits ? 1 : 0);
}

bool is_truth_kind(ValueKind kind) {
    return kind == ValueKind::Boolean || kind == ValueKind::Integer || kind == ValueKind::Pointer || kind == ValueKind::Null;
}

class Evaluator {
public:
    Evaluator(const Vector<FilterNode>& nodes, FilterEnvironment& environment)
        : nodes_(nodes), environment_(environment) {}

    Result<FilterValue> value(int32_t index) {
        const FilterNode& node = nodes_[static_cast<size_t>(index)];
        switch (node.kind) {
        case FilterNodeKind::Integer: return literal_integer(node.integer);
        case FilterNodeKind::String: return literal_string(node.name);
        case FilterNodeKind::True: return FilterValue::boolean(true);
        case FilterNodeKind::False: return FilterValue::boolean(false);
        case FilterNodeKind::Null: return null_value();
        case FilterNodeKind::Name: return with_column(environment_.variable(node.name), node.column);
        case FilterNodeKind::Field: return field(node);
        case FilterNodeKind::Arrow: return arrow(node);
        case FilterNodeKind::Index: return index_of(node);
        case FilterNodeKind::Unary: return unary(node);
        case FilterNodeKind::Binary: return binary(node);
        }
        return filter_error(node.column, "malformed filter");
    }

    Result<bool> condition(int32_t index) {
        FilterValue v = TRY(value(index));
        const FilterNode& node = nodes_[static_cast<size_t>(index)];
        if (!is_truth_kind(v.kind))
            return filter_error(node.column, "type mismatch: a condition cannot be", v.type_name);
        return v.bits != 0;
    }

private:
    static FilterValue literal_integer(uint64_t bits) {
        if (bits > static_cast<uint64_t>(INT64_MAX)) return FilterValue::unsigned_integer(bits);
        return FilterValue::integer(static_cast<int64_t>(bits));
    }
    static FilterValue literal_string(StringView text) {
        FilterValue v;
        v.kind = ValueKind::String;
        v.text = text;
        v.type_name = "string";
        return v;
    }
    static FilterValue null_value() {
        FilterValue v;
        v.kind = ValueKind::Null;
        v.type_name = "null";
        return v;
    }

    // Prefix environment errors with the column they belong to.
    static Result<FilterValue> with_column(Result<FilterValue> result, uint32_t column) {
        if (result.ok()) return result;
        UpdateError error;
        error.code = result.error().code;
        TextBuilder text(error.text, kErrorTextSize);
        text.add("state filter, column ").add_unsigned(column).add(": ").add(result.error().text);
        return error;
    }

    Result<FilterValue> field(const FilterNode& node) {
        FilterValue base = TRY(value(node.left));
        if (base.kind != ValueKind::Object)
            return filter_error(node.column, "type mismatch: '.' needs a struct, not", base.type_name);
        return with_column(environment_.field(base, node.name), node.column);
    }

    Result<FilterValue> arrow(const FilterNode& node) {
        FilterValue pointer = TRY(value(node.left));
        if (pointer.kind != ValueKind::Pointer)
            return filter_error(node.column, "type mismatch: '->' needs a pointer, not", pointer.type_name);
        if (pointer.bits == 0) return filter_error(node.column, "null pointer dereference before", node.name);
        FilterValue target = TRY(with_column(environment_.dereference(pointer), node.column));
        if (target.kind != ValueKind::Object)
            return filter_error(node.column, "type mismatch: '->' needs a pointer to a struct, not to", target.type_name);
        return with_column(environment_.field(target, node.name), node.column);
    }

    Result<FilterValue> index_of(const FilterNode& node) {
        FilterValue base = TRY(value(node.left));
        FilterValue index = TRY(value(node.right));
        if (index.kind != ValueKind::Integer)
            return filter_error(node.column, "type mismatch: an index must be an integer, not", index.type_name);
        if (base.kind != ValueKind::Object && base.kind != ValueKind::Pointer)
            return filter_error(node.column, "type mismatch: '[]' needs an array or pointer, not", base.type_name);
        if (base.kind == ValueKind::Pointer && base.bits == 0) return filter_error(node.column, "null pointer indexed");
        return with_column(environment_.element(base, static_cast<int64_t>(index.bits)), node.column);
    }

    Result<FilterValue> unary(const FilterNode& node) {
        if (node.op == FilterOp::Not) return FilterValue::boolean(!TRY(condition(node.left)));
        FilterValue operand = TRY(value(node.left));
        if (node.op == FilterOp::Dereference) {
            if (operand.kind != ValueKind::Pointer) return mismatch(node.column, node.op, operand, nullptr);
            if (operand.bits == 0) return filter_error(node.column, "null pointer dereference");
            return with_column(environment_.dereference(operand), node.column);
        }
        if (operand.kind != ValueKind::Integer) return mismatch(node.column, node.op, operand, nullptr);
        FilterValue result = operand;
        result.address = 0;
        if (node.op == FilterOp::Negate) {
            result.bits = 0 - operand.bits;
            result.is_signed = true;
        } else {
            result.bits = ~operand.bits;
        }
        return result;
    }

    Result<FilterValue> binary(const FilterNode& node) {
        if (node.op == FilterOp::And || node.op == FilterOp::Or) return logical(node);
        FilterValue a = TRY(value(node.left));
        FilterValue b = TRY(value(node.right));
        if (node.op == FilterOp::Equal || node.op == FilterOp::NotEqual) return equality(node, a, b);
        if (a.kind != ValueKind::Integer || b.kind != ValueKind::Integer) return mismatch(node.column, node.op, a, &b);
        switch (node.op) {
        case FilterOp::Less: return FilterValue::boolean(compare_integers(a, b) < 0);
        case FilterOp::LessEqual: return FilterValue::boolean(compare_integers(a, b) <= 0);
        case FilterOp::Greater: return FilterValue::boolean(compare_integers(a, b) > 0);
        case FilterOp::GreaterEqual: return FilterValue::boolean(compare_integers(a, b) >= 0);
        default: return arithmetic(node, a, b);
        }
    }

    Result<FilterValue> logical(const FilterNode& node) {
        bool left = TRY(condition(node.left));
        if (node.op == FilterOp::And && !left) return FilterValue::boolean(false);
        if (node.op == FilterOp::Or && left) return FilterValue::boolean(true);
        return FilterValue::boolean(TRY(condition(node.right)));
    }

    Result<FilterValue> equality(const FilterNode& node, const FilterValue& a, const FilterValue& b) {
        bool equal = TRY(equal_values(node, a, b));
        return FilterValue::boolean(node.op == FilterOp::Equal ? equal : !equal);
    }

    Result<bool> equal_values(const FilterNode& node, const FilterValue& a, const FilterValue& b) {
        if (a.kind == ValueKind::Integer && b.kind == ValueKind::Integer) return compare_integers(a, b) == 0;
        if (a.kind == ValueKind::Boolean && b.kind == ValueKind::Boolean) return a.bits == b.bits;
        bool a_address = a.kind == ValueKind::Pointer || a.kind == ValueKind::Null;
        bool b_address = b.kind == ValueKind::Pointer || b.kind == ValueKind::Null;
        if (a_address && b_address) return a.bits == b.bits;
        if (b.kind == ValueKind::String && (a.kind == ValueKind::Object || a.kind == ValueKind::Pointer))
            return string_compare(node, a, b.text);
        if (a.kind == ValueKind::String && (b.kind == ValueKind::Object || b.kind == ValueKind::Pointer))
            return string_compare(node, b, a.text);
        return mismatch(node.column, node.op, a, &b);
    }

    Result<bool> string_compare(const FilterNode& node, const FilterValue& v, StringView text) {
        if (v.kind == ValueKind::Pointer && v.bits == 0) return false;
        Result<bool> result = environment_.string_equals(v, text);
        if (result.ok()) return result;
        return filter_error(node.column, "type mismatch: cannot compare a string with", v.type_name);
    }

    Result<FilterValue> arithmetic(const FilterNode& node, const FilterValue& a, const FilterValue& b) {
        bool is_signed = a.is_signed && b.is_signed;
        FilterValue result = is_signed ? FilterValue::integer(0) : FilterValue::unsigned_integer(0);
        if ((node.op == FilterOp::Divide || node.op == FilterOp::Remainder) && b.bits == 0)
            return filter_error(node.column, "division by zero");
        int64_t x = static_cast<int64_t>(a.bits), y = static_cast<int64_t>(b.bits);
        switch (node.op) {
        case FilterOp::Add: result.bits = a.bits + b.bits; break;
        case FilterOp::Subtract: result.bits = a.bits - b.bits; break;
        case FilterOp::Multiply: result.bits = a.bits * b.bits; break;
        case FilterOp::BitOr: result.bits = a.bits | b.bits; break;
        case FilterOp::BitAnd: result.bits = a.bits & b.bits; break;
        case FilterOp::Divide:
            if (is_signed && x == INT64_MIN && y == -1) return filter_error(node.column, "integer overflow in '/'");
            result.bits = is_signed ? static_cast<uint64_t>(x / y) : a.bits / b.bits;
            break;
        case FilterOp::Remainder:
            if (is_signed && y == -1) { result.bits = 0; break; }
            result.bits = is_signed ? static_cast<uint64_t>(x % y) : a.bits % b.bits;
            break;
        default: return filter_error(node.column, "malformed filter");
        }
        return result;
    }

    const Vector<FilterNode>& nodes_;
    FilterEnvironment& environment_;
};

UpdateError refuse(const char* what) { return make_error(neurath::Error::NotSupported, what, " is not supported here"); }

}  // namespace

Result<FilterValue> FilterEnvironment::variable(StringView) { return refuse("variable lookup"); }
Result<FilterValue> FilterEnvironment::field(const FilterValue&, StringView) { return refuse("field access"); }
Result<FilterValue> FilterEnvironment::element(const FilterValue&, int64_t) { return refuse("indexing"); }
Result<FilterValue> FilterEnvironment::dereference(const FilterValue&) { return refuse("dereference"); }
Result<bool> FilterEnvironment::string_equals(const FilterValue&, StringView) { return refuse("string comparison"); }

Result<FilterValue> StateFilter::evaluate_value(FilterEnvironment& environment) const {
    if (root_ < 0) return make_error(neurath::Error::InvalidArgument, "state filter: not compiled");
    Evaluator evaluator(nodes_, environment);
    return evaluator.value(root_);
}

Result<bool> StateFilter::evaluate(FilterEnvironment& environment) const {
    if (root_ < 0) return make_error(neurath::Error::InvalidArgument, "state filter: not compiled");
    Evaluator evaluator(nodes_, environment);
    return evaluator.condition(root_);
}

}  // namespace libupdate
