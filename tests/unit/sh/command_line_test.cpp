// command_line_test.cpp — host tests of the shell tokenizer: words, quotes,
// escapes, redirections and every error the shell must survive.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "command_line.h"

using shell::CommandLine;
using shell::RedirectKind;
using neurath::Error;

namespace {

struct Parsed {
    Error error = Error::None;
    std::vector<std::string> words;
    RedirectKind redirect = RedirectKind::None;
    std::string path;
};

Parsed parse(const std::string& line) {
    CommandLine command;
    Parsed parsed;
    auto result = shell::parse_command_line(line.data(), line.size(), command);
    if (result.is_error()) {
        parsed.error = result.error();
        return parsed;
    }
    for (size_t i = 0; i < command.argc; ++i) parsed.words.push_back(command.argv[i]);
    EXPECT_EQ(command.argv[command.argc], nullptr);
    parsed.redirect = command.redirect;
    if (command.redirect_path) parsed.path = command.redirect_path;
    return parsed;
}

using Words = std::vector<std::string>;

}  // namespace

TEST(CommandLine, SplitsOnBlanks) {
    EXPECT_EQ(parse("ls /bin").words, (Words{"ls", "/bin"}));
    EXPECT_EQ(parse("  echo \t a   b  ").words, (Words{"echo", "a", "b"}));
}

TEST(CommandLine, EmptyAndBlankLinesHaveNoWords) {
    EXPECT_EQ(parse("").words.size(), 0u);
    EXPECT_EQ(parse("   \t ").words.size(), 0u);
    EXPECT_EQ(parse("").error, Error::None);
}

TEST(CommandLine, QuotesKeepSpacesAndJoinPieces) {
    EXPECT_EQ(parse("echo 'a  b' \"c d\"").words, (Words{"echo", "a  b", "c d"}));
    EXPECT_EQ(parse("echo a'b'\"c\"d").words, (Words{"echo", "abcd"}));
    EXPECT_EQ(parse("echo '' \"\"").words, (Words{"echo", "", ""}));
}

TEST(CommandLine, EscapesOutsideAndInsideDoubleQuotes) {
    EXPECT_EQ(parse("echo a\\ b").words, (Words{"echo", "a b"}));
    EXPECT_EQ(parse("echo \"say \\\"hi\\\" \\\\ \\n\"").words, (Words{"echo", "say \"hi\" \\ \\n"}));
    EXPECT_EQ(parse("echo 'no \\escape'").words, (Words{"echo", "no \\escape"}));
}

TEST(CommandLine, RedirectionTruncateAndAppend) {
    Parsed truncate = parse("echo hi > /tmp/f");
    EXPECT_EQ(truncate.words, (Words{"echo", "hi"}));
    EXPECT_EQ(truncate.redirect, RedirectKind::Truncate);
    EXPECT_EQ(truncate.path, "/tmp/f");
    Parsed append = parse("echo hi>>/log");
    EXPECT_EQ(append.words, (Words{"echo", "hi"}));
    EXPECT_EQ(append.redirect, RedirectKind::Append);
    EXPECT_EQ(append.path, "/log");
    Parsed middle = parse("echo a >f b");
    EXPECT_EQ(middle.words, (Words{"echo", "a", "b"}));
    EXPECT_EQ(middle.path, "f");
}

TEST(CommandLine, QuotedGreaterThanIsText) {
    Parsed parsed = parse("echo '>' \"a>b\" c\\>d");
    EXPECT_EQ(parsed.words, (Words{"echo", ">", "a>b", "c>d"}));
    EXPECT_EQ(parsed.redirect, RedirectKind::None);
}

TEST(CommandLine, SyntaxErrors) {
    EXPECT_EQ(parse("echo 'open").error, Error::InvalidArgument);
    EXPECT_EQ(parse("echo \"open").error, Error::InvalidArgument);
    EXPECT_EQ(parse("echo trailing\\").error, Error::InvalidArgument);
    EXPECT_EQ(parse("echo >").error, Error::InvalidArgument);
    EXPECT_EQ(parse("echo >>   ").error, Error::InvalidArgument);
    EXPECT_EQ(parse("echo > >f").error, Error::InvalidArgument);
    EXPECT_EQ(parse("echo >>>f").error, Error::InvalidArgument);
    EXPECT_EQ(parse("echo >a >b").error, Error::InvalidArgument);
    EXPECT_EQ(parse("> file").error, Error::InvalidArgument);
    EXPECT_EQ(parse("echo > ''").error, Error::InvalidArgument);
}

TEST(CommandLine, LimitsAreTooBig) {
    std::string many = "echo";
    for (size_t i = 0; i < shell::kMaxWords; ++i) many += " w";
    EXPECT_EQ(parse(many).error, Error::TooBig);
    std::string fits = "echo";
    for (size_t i = 1; i < shell::kMaxWords; ++i) fits += " w";
    EXPECT_EQ(parse(fits).words.size(), shell::kMaxWords);
    EXPECT_EQ(parse(std::string(shell::kMaxLine + 1, 'x')).error, Error::TooBig);
    EXPECT_EQ(parse(std::string(shell::kMaxLine, 'x')).words.size(), 1u);
}

TEST(CommandLine, WorstCaseStorageDoesNotOverflow) {
    // Many one-byte words plus a redirection: every byte and every NUL stored.
    std::string line;
    for (size_t i = 0; i + 1 < shell::kMaxWords; ++i) line += "a ";
    line += ">" + std::string(shell::kMaxLine - line.size() - 1, 'p');
    ASSERT_EQ(line.size(), shell::kMaxLine);
    Parsed parsed = parse(line);
    EXPECT_EQ(parsed.error, Error::None);
    EXPECT_EQ(parsed.words.size(), shell::kMaxWords - 1);
    EXPECT_EQ(parsed.path.size(), shell::kMaxLine - 2 * (shell::kMaxWords - 1) - 1);
}

TEST(CommandLine, ParseErrorTextIsOneLine) {
    std::string text = shell::parse_error_text(Error::InvalidArgument);
    EXPECT_FALSE(text.empty());
    EXPECT_EQ(text.find('\n'), std::string::npos);
}
