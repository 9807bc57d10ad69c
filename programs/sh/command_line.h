// command_line.h — splitting one shell input line into words and an
// optional output redirection.
//
// Rules: words are separated by spaces/tabs; '...' keeps everything literal;
// "..." keeps spaces and understands \" and \\; outside quotes a backslash
// escapes the next character; `> file` truncates, `>> file` appends (also
// written without spaces: `>file`, `>>file`); a quoted '>' is an ordinary
// character; a final unquoted `&` asks for background execution. Errors: an
// unterminated quote or a trailing backslash is InvalidArgument, a
// redirection without a file name or given twice is InvalidArgument, and so
// is anything after `&`; more than kMaxWords words or more than kMaxLine
// bytes is TooBig. Pure: tested on the host.
//
// Entry point: parse_command_line.
#pragma once

#include <stddef.h>
#include <sys/result.h>

namespace shell {

inline constexpr size_t kMaxLine = 256;
inline constexpr size_t kMaxWords = 32;

enum class RedirectKind { None, Truncate, Append };

struct CommandLine {
    size_t argc = 0;
    const char* argv[kMaxWords + 1] = {};  // NUL-terminated words, argv[argc] == nullptr
    RedirectKind redirect = RedirectKind::None;
    const char* redirect_path = nullptr;
    bool background = false;
    char storage[kMaxLine + kMaxWords + 2] = {};  // the words, unquoted
};

// Parses `line` (length bytes, no newline) into `out`; out.argc == 0 for an
// empty or blank line.
sys::Result<void> parse_command_line(const char* line, size_t length, CommandLine& out);

// A short message for a parse error, e.g. "unterminated quote".
const char* parse_error_text(neurath::Error error);

}  // namespace shell
