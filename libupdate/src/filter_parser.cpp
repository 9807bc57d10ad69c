// filter_parser.cpp — recursive-descent parser from filter text to the
// node array held by StateFilter (grammar in filter.h).
//
// Entry points: StateFilter::compile (and the StateFilter lifetime members).
#include <libupdate/filter.h>

#include "filter_lexer.h"

namespace libupdate {

namespace {

struct BinaryLevel {
    TokenKind tokens[4];
    FilterOp ops[4];
    int count;
};

// Binary precedence levels, lowest first.
constexpr BinaryLevel kLevels[] = {
    {{TokenKind::OrOr}, {FilterOp::Or}, 1},
    {{TokenKind::AndAnd}, {FilterOp::And}, 1},
    {{TokenKind::Bar}, {FilterOp::BitOr}, 1},
    {{TokenKind::Amp}, {FilterOp::BitAnd}, 1},
    {{TokenKind::EqualEqual, TokenKind::BangEqual}, {FilterOp::Equal, FilterOp::NotEqual}, 2},
    {{TokenKind::Less, TokenKind::LessEqual, TokenKind::Greater, TokenKind::GreaterEqual},
     {FilterOp::Less, FilterOp::LessEqual, FilterOp::Greater, FilterOp::GreaterEqual}, 4},
    {{TokenKind::Plus, TokenKind::Minus}, {FilterOp::Add, FilterOp::Subtract}, 2},
    {{TokenKind::Star, TokenKind::Slash, TokenKind::Percent}, {FilterOp::Multiply, FilterOp::Divide, FilterOp::Remainder}, 3},
};
constexpr int kLevelCount = sizeof(kLevels) / sizeof(kLevels[0]);
constexpr int kMaxDepth = 64;

FilterNode make_node(FilterNodeKind kind, FilterOp op) {
    FilterNode node{};
    node.kind = kind;
    node.op = op;
    return node;
}

UpdateError out_of_memory() { return make_error(neurath::Error::NoMemory, "state filter: out of memory"); }

}  // namespace

class FilterParser {
public:
    FilterParser(StringView text, Vector<FilterNode>& nodes) : lexer_(text), nodes_(nodes) {}

    Result<int32_t> parse_all() {
        TRY(advance());
        if (current_.kind == TokenKind::End) return filter_error(current_.column, "empty filter");
        int32_t root = TRY(parse_level(0));
        if (current_.kind != TokenKind::End)
            return filter_error(current_.column, "unexpected", current_.text, " after a complete expression");
        return root;
    }

private:
    Result<void> advance() {
        current_ = TRY(lexer_.next());
        return {};
    }

    Result<int32_t> add(const FilterNode& node) {
        if (!nodes_.push(node)) return out_of_memory();
        return static_cast<int32_t>(nodes_.size() - 1);
    }

    Result<void> expect(TokenKind kind, const char* context) {
        if (current_.kind != kind) {
            UpdateError error = filter_error(current_.column, "expected", StringView(token_kind_name(kind)), context);
            return error;
        }
        return advance();
    }

    Result<int32_t> parse_level(int level) {
        if (level == kLevelCount) return parse_unary(0);
        int32_t left = TRY(parse_level(level + 1));
        for (;;) {
            const BinaryLevel& spec = kLevels[level];
            int match = -1;
            for (int i = 0; i < spec.count; ++i)
                if (current_.kind == spec.tokens[i]) match = i;
            if (match < 0) return left;
            uint32_t column = current_.column;
            TRY(advance());
            if (current_.kind == TokenKind::End)
                return filter_error(column, "missing operand after", StringView(token_kind_name(spec.tokens[match])));
            int32_t right = TRY(parse_level(level + 1));
            FilterNode node = make_node(FilterNodeKind::Binary, spec.ops[match]);
            node.left = left;
            node.right = right;
            node.column = column;
            left = TRY(add(node));
        }
    }

    Result<int32_t> parse_unary(int depth) {
        if (depth + nesting_ > kMaxDepth) return filter_error(current_.column, "expression nested too deeply");
        FilterOp op;
        switch (current_.kind) {
        case TokenKind::Bang: op = FilterOp::Not; break;
        case TokenKind::Minus: op = FilterOp::Negate; break;
        case TokenKind::Tilde: op = FilterOp::Complement; break;
        case TokenKind::Star: op = FilterOp::Dereference; break;
        default: return parse_postfix(depth);
        }
        uint32_t column = current_.column;
        TRY(advance());
        int32_t operand = TRY(parse_unary(depth + 1));
        FilterNode node = make_node(FilterNodeKind::Unary, op);
        node.left = operand;
        node.column = column;
        return add(node);
    }

    Result<int32_t> parse_postfix(int depth) {
        int32_t base = TRY(parse_primary(depth));
        for (;;) {
            uint32_t column = current_.column;
            if (current_.kind == TokenKind::Dot || current_.kind == TokenKind::Arrow) {
                bool arrow = current_.kind == TokenKind::Arrow;
                TRY(advance());
                if (current_.kind != TokenKind::Name)
                    return filter_error(current_.column, "expected a field name after", StringView(arrow ? "->" : "."));
                FilterNode node = make_node(arrow ? FilterNodeKind::Arrow : FilterNodeKind::Field, FilterOp::Or);
                node.left = base;
                node.name = current_.text;
                node.column = current_.column;
                TRY(advance());
                base = TRY(add(node));
            } else if (current_.kind == TokenKind::LeftBracket) {
                if (++nesting_ > kMaxDepth) return filter_error(column, "expression nested too deeply");
                TRY(advance());
                int32_t index = TRY(parse_level(0));
                TRY(expect(TokenKind::RightBracket, " to close '['"));
                --nesting_;
                FilterNode node = make_node(FilterNodeKind::Index, FilterOp::Or);
                node.left = base;
                node.right = index;
                node.column = column;
                base = TRY(add(node));
            } else {
                return base;
            }
        }
    }

    Result<int32_t> parse_primary(int depth) {
        FilterToken token = current_;
        FilterNode node = make_node(FilterNodeKind::Integer, FilterOp::Or);
        node.column = token.column;
        switch (token.kind) {
        case TokenKind::Integer:
            node.integer = token.integer;
            break;
        case TokenKind::String:
            node.kind = FilterNodeKind::String;
            node.name = token.text;
            break;
        case TokenKind::Name:
            node.kind = name_kind(token.text);
            node.name = token.text;
            break;
        case TokenKind::LeftParen: {
            if (++nesting_ > kMaxDepth) return filter_error(token.column, "expression nested too deeply");
            TRY(advance());
            int32_t inner = TRY(parse_level(0));
            TRY(expect(TokenKind::RightParen, " to close '('"));
            --nesting_;
            return inner;
        }
        case TokenKind::End:
            return filter_error(token.column, "unexpected end of filter");
        default:
            return filter_error(token.column, "unexpected", token.text, ", expected a value");
        }
        TRY(advance());
        return add(node);
    }

    static FilterNodeKind name_kind(StringView name) {
        if (name == StringView("true")) return FilterNodeKind::True;
        if (name == StringView("false")) return FilterNodeKind::False;
        if (name == StringView("null") || name == StringView("nullptr") || name == StringView("NULL"))
            return FilterNodeKind::Null;
        return FilterNodeKind::Name;
    }

    FilterLexer lexer_;
    Vector<FilterNode>& nodes_;
    FilterToken current_;
    int nesting_ = 0;  // open parentheses and brackets
};

Result<StateFilter> StateFilter::compile(StringView source) {
    StateFilter filter;
    filter.text_ = static_cast<char*>(platform_allocate(source.length + 1));
    if (!filter.text_) return out_of_memory();
    platform_copy(filter.text_, source.data, source.length);
    filter.text_[source.length] = '\0';
    FilterParser parser(StringView(filter.text_, source.length), filter.nodes_);
    filter.root_ = TRY(parser.parse_all());
    return filter;
}

StateFilter::StateFilter(StateFilter&& other)
    : text_(other.text_), nodes_(static_cast<Vector<FilterNode>&&>(other.nodes_)), root_(other.root_) {
    other.text_ = nullptr;
    other.root_ = -1;
}

StateFilter& StateFilter::operator=(StateFilter&& other) {
    if (this != &other) {
        platform_release(text_);
        text_ = other.text_;
        nodes_ = static_cast<Vector<FilterNode>&&>(other.nodes_);
        root_ = other.root_;
        other.text_ = nullptr;
        other.root_ = -1;
    }
    return *this;
}

StateFilter::~StateFilter() { platform_release(text_); }

}  // namespace libupdate
