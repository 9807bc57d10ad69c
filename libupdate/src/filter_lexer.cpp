// filter_lexer.cpp — splits state-filter text into tokens.
//
// Entry points: FilterLexer::next, token_kind_name, filter_error.
#include "filter_lexer.h"

namespace libupdate {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }
int hex_value(char c) {
    if (is_digit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

struct OperatorSpelling {
    const char* text;
    TokenKind kind;
};

// Longest spellings first so "<=" wins over "<".
constexpr OperatorSpelling kOperators[] = {
    {"||", TokenKind::OrOr}, {"&&", TokenKind::AndAnd}, {"==", TokenKind::EqualEqual},
    {"!=", TokenKind::BangEqual}, {"<=", TokenKind::LessEqual}, {">=", TokenKind::GreaterEqual},
    {"->", TokenKind::Arrow}, {"|", TokenKind::Bar}, {"&", TokenKind::Amp}, {"<", TokenKind::Less},
    {">", TokenKind::Greater}, {"+", TokenKind::Plus}, {"-", TokenKind::Minus}, {"*", TokenKind::Star},
    {"/", TokenKind::Slash}, {"%", TokenKind::Percent}, {"!", TokenKind::Bang}, {"~", TokenKind::Tilde},
    {".", TokenKind::Dot}, {"(", TokenKind::LeftParen}, {")", TokenKind::RightParen},
    {"[", TokenKind::LeftBracket}, {"]", TokenKind::RightBracket},
};

}  // namespace

const char* token_kind_name(TokenKind kind) {
    switch (kind) {
    case TokenKind::End: return "end of filter";
    case TokenKind::Integer: return "integer";
    case TokenKind::String: return "string";
    case TokenKind::Name: return "name";
    default: break;
    }
    for (const OperatorSpelling& op : kOperators)
        if (op.kind == kind) return op.text;
    return "token";
}

UpdateError filter_error(uint32_t column, const char* what, StringView detail, const char* tail) {
    UpdateError error;
    error.code = neurath::Error::InvalidArgument;
    TextBuilder text(error.text, kErrorTextSize);
    text.add("state filter, column ").add_unsigned(column).add(": ").add(what);
    if (!detail.empty()) text.add(" '").add(detail).add("'");
    if (tail) text.add(tail);
    return error;
}

void FilterLexer::skip_spaces() {
    while (position_ < source_.length) {
        char c = source_[position_];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
        ++position_;
    }
}

Result<FilterToken> FilterLexer::next() {
    skip_spaces();
    uint32_t column = static_cast<uint32_t>(position_ + 1);
    if (position_ >= source_.length) {
        FilterToken end;
        end.column = column;
        return end;
    }
    char c = source_[position_];
    if (is_digit(c)) return lex_number(column);
    if (c == '"') return lex_string(column);
    if (is_name_start(c)) return lex_name(column);
    return lex_operator(column);
}

Result<FilterToken> FilterLexer::lex_number(uint32_t column) {
    FilterToken token{TokenKind::Integer, {}, 0, column};
    size_t start = position_;
    bool hex = at('0') && (at('x', 1) || at('X', 1));
    if (hex) position_ += 2;
    uint64_t base = hex ? 16 : 10;
    size_t digits = 0;
    while (position_ < source_.length) {
        int digit = hex ? hex_value(source_[position_]) : (is_digit(source_[position_]) ? source_[position_] - '0' : -1);
        if (digit < 0) break;
        uint64_t grown = token.integer * base + static_cast<uint64_t>(digit);
        if ((grown - static_cast<uint64_t>(digit)) / base != token.integer)
            return filter_error(column, "integer too large", StringView(source_.data + start, position_ + 1 - start));
        token.integer = grown;
        ++position_;
        ++digits;
    }
    token.text = StringView(source_.data + start, position_ - start);
    if (digits == 0 || (position_ < source_.length && is_name_char(source_[position_])))
        return filter_error(column, "malformed number", StringView(source_.data + start, position_ + 1 - start));
    return token;
}

Result<FilterToken> FilterLexer::lex_string(uint32_t column) {
    size_t start = ++position_;
    while (position_ < source_.length && source_[position_] != '"') {
        if (source_[position_] == '\\')
            return filter_error(column, "escape sequences are not supported in strings");
        ++position_;
    }
    if (position_ >= source_.length) return filter_error(column, "unterminated string");
    FilterToken token{TokenKind::String, StringView(source_.data + start, position_ - start), 0, column};
    ++position_;
    return token;
}

FilterToken FilterLexer::lex_name(uint32_t column) {
    size_t start = position_;
    while (position_ < source_.length) {
        if (is_name_char(source_[position_])) {
            ++position_;
        } else if (at(':') && at(':', 1) && position_ + 2 < source_.length && is_name_start(source_[position_ + 2])) {
            position_ += 2;
        } else {
            break;
        }
    }
    return FilterToken{TokenKind::Name, StringView(source_.data + start, position_ - start), 0, column};
}

Result<FilterToken> FilterLexer::lex_operator(uint32_t column) {
    StringView rest(source_.data + position_, source_.length - position_);
    for (const OperatorSpelling& op : kOperators) {
        StringView spelling(op.text);
        if (rest.starts_with(spelling)) {
            position_ += spelling.length;
            return FilterToken{op.kind, spelling, 0, column};
        }
    }
    return filter_error(column, "unexpected character", StringView(source_.data + position_, 1));
}

}  // namespace libupdate
