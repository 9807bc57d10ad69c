// command_line.cpp — the shell's tokenizer (see command_line.h for the rules).
//
// Entry points: parse_command_line, parse_error_text. A small scanner walks
// the line once, copying unquoted word bytes into CommandLine::storage; each
// word is terminated there, so argv points into storage.
#include "command_line.h"

namespace shell {
namespace {

using neurath::Error;

struct Scanner {
    const char* line;
    size_t length;
    size_t position = 0;
    CommandLine& out;
    size_t used = 0;  // bytes of out.storage in use

    bool at_end() const { return position >= length; }
    char peek() const { return line[position]; }
    static bool is_blank(char c) { return c == ' ' || c == '\t'; }

    void skip_blanks() {
        while (!at_end() && is_blank(peek())) ++position;
    }
    void store(char c) { out.storage[used++] = c; }
};

sys::Result<void> scan_single_quoted(Scanner& s) {
    ++s.position;  // opening quote
    while (!s.at_end() && s.peek() != '\'') s.store(s.line[s.position++]);
    if (s.at_end()) return Error::InvalidArgument;
    ++s.position;
    return {};
}

sys::Result<void> scan_double_quoted(Scanner& s) {
    ++s.position;
    while (!s.at_end() && s.peek() != '"') {
        char c = s.line[s.position++];
        if (c == '\\' && !s.at_end() && (s.peek() == '"' || s.peek() == '\\')) c = s.line[s.position++];
        s.store(c);
    }
    if (s.at_end()) return Error::InvalidArgument;
    ++s.position;
    return {};
}

// Scans one word (quotes may join several pieces: a'b'"c" is "abc").
sys::Result<const char*> scan_word(Scanner& s) {
    const char* word = s.out.storage + s.used;
    while (!s.at_end() && !Scanner::is_blank(s.peek()) && s.peek() != '>' && s.peek() != '&') {
        const char c = s.peek();
        if (c == '\'') {
            TRY(scan_single_quoted(s));
        } else if (c == '"') {
            TRY(scan_double_quoted(s));
        } else if (c == '\\') {
            ++s.position;
            if (s.at_end()) return Error::InvalidArgument;
            s.store(s.line[s.position++]);
        } else {
            s.store(c);
            ++s.position;
        }
    }
    s.store('\0');
    return word;
}

sys::Result<void> scan_redirect(Scanner& s) {
    if (s.out.redirect != RedirectKind::None) return Error::InvalidArgument;
    ++s.position;
    s.out.redirect = RedirectKind::Truncate;
    if (!s.at_end() && s.peek() == '>') {
        ++s.position;
        s.out.redirect = RedirectKind::Append;
    }
    s.skip_blanks();
    if (s.at_end() || s.peek() == '>' || s.peek() == '&') return Error::InvalidArgument;
    s.out.redirect_path = TRY(scan_word(s));
    if (s.out.redirect_path[0] == '\0') return Error::InvalidArgument;
    return {};
}

}  // namespace

sys::Result<void> parse_command_line(const char* line, size_t length, CommandLine& out) {
    out = CommandLine{};
    if (length > kMaxLine) return Error::TooBig;
    Scanner s{line, length, 0, out};
    for (s.skip_blanks(); !s.at_end(); s.skip_blanks()) {
        if (out.background) return Error::InvalidArgument;  // '&' must come last
        if (s.peek() == '&') {
            out.background = true;
            ++s.position;
            continue;
        }
        if (s.peek() == '>') {
            TRY(scan_redirect(s));
            continue;
        }
        if (out.argc == kMaxWords) return Error::TooBig;
        out.argv[out.argc++] = TRY(scan_word(s));
    }
    out.argv[out.argc] = nullptr;
    if (out.argc == 0 && (out.redirect != RedirectKind::None || out.background)) return Error::InvalidArgument;
    return {};
}

const char* parse_error_text(neurath::Error error) {
    switch (error) {
    case Error::InvalidArgument: return "syntax error (unterminated quote, trailing backslash, bad redirection or text after &)";
    case Error::TooBig: return "line too long or too many words";
    default: return neurath::error_name(error);
    }
}

}  // namespace shell
