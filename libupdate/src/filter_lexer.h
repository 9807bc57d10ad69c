// filter_lexer.h — tokens of the state-filter language (internal).
//
// Entry points: FilterToken, FilterLexer::next.
#pragma once

#include <libupdate/result.h>
#include <libupdate/text.h>

namespace libupdate {

enum class TokenKind : uint8_t {
    End, Integer, String, Name,
    OrOr, AndAnd, Bar, Amp, EqualEqual, BangEqual, Less, LessEqual, Greater, GreaterEqual,
    Plus, Minus, Star, Slash, Percent, Bang, Tilde, Dot, Arrow, LeftParen, RightParen,
    LeftBracket, RightBracket,
};

struct FilterToken {
    TokenKind kind = TokenKind::End;
    StringView text;      // the token's source text (for strings: without quotes)
    uint64_t integer = 0;
    uint32_t column = 0;  // 1-based
};

const char* token_kind_name(TokenKind kind);

class FilterLexer {
public:
    explicit FilterLexer(StringView source) : source_(source) {}
    Result<FilterToken> next();

private:
    void skip_spaces();
    Result<FilterToken> lex_number(uint32_t column);
    Result<FilterToken> lex_string(uint32_t column);
    FilterToken lex_name(uint32_t column);
    Result<FilterToken> lex_operator(uint32_t column);
    bool at(char c, size_t ahead = 0) const {
        return position_ + ahead < source_.length && source_[position_ + ahead] == c;
    }

    StringView source_;
    size_t position_ = 0;
};

// "state filter, column N: " prefix for errors.
UpdateError filter_error(uint32_t column, const char* what, StringView detail = StringView(),
                         const char* tail = nullptr);

}  // namespace libupdate
