// command_line_test.cpp — host tests of the shell tokenizer: words, quotes,
// escapes, redirections and every error the shell must survive.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "command_line.h"
#include "jobs.h"
#include "numbers.h"
#include "paths.h"

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

TEST(ParseUnsigned, AcceptsOnlyPlainDecimalsThatFit) {
    EXPECT_EQ(shell::parse_unsigned("0").value(), 0u);
    EXPECT_EQ(shell::parse_unsigned("42").value(), 42u);
    EXPECT_EQ(shell::parse_unsigned("18446744073709551615").value(), UINT64_MAX);
    EXPECT_EQ(shell::parse_unsigned("18446744073709551616").error(), Error::InvalidArgument);
    EXPECT_EQ(shell::parse_unsigned("").error(), Error::InvalidArgument);
    EXPECT_EQ(shell::parse_unsigned("-1").error(), Error::InvalidArgument);
    EXPECT_EQ(shell::parse_unsigned("12x").error(), Error::InvalidArgument);
    EXPECT_EQ(shell::parse_unsigned(" 1").error(), Error::InvalidArgument);
    EXPECT_EQ(shell::parse_unsigned(nullptr).error(), Error::InvalidArgument);
}

TEST(AbsolutePath, RelativePathsStartAtTheRoot) {
    EXPECT_STREQ(shell::AbsolutePath("etc/motd").c_str(), "/etc/motd");
    EXPECT_STREQ(shell::AbsolutePath("/bin").c_str(), "/bin");
    EXPECT_STREQ(shell::AbsolutePath("").c_str(), "/");
    const std::string huge(1000, 'a');
    const std::string made = shell::AbsolutePath(huge.c_str()).c_str();
    EXPECT_EQ(made.size(), shell::AbsolutePath::kCapacity - 1);
    EXPECT_EQ(made[0], '/');
}

TEST(CommandLine, FinalAmpersandMeansBackground) {
    CommandLine command;
    const std::string line = "benchpeer echo &";
    ASSERT_TRUE(shell::parse_command_line(line.data(), line.size(), command).ok());
    EXPECT_TRUE(command.background);
    EXPECT_EQ(command.argc, 2u);
    const std::string glued = "benchpeer&";
    ASSERT_TRUE(shell::parse_command_line(glued.data(), glued.size(), command).ok());
    EXPECT_TRUE(command.background);
    EXPECT_STREQ(command.argv[0], "benchpeer");
    const std::string quoted = "echo '&' \\&";
    ASSERT_TRUE(shell::parse_command_line(quoted.data(), quoted.size(), command).ok());
    EXPECT_FALSE(command.background);
    EXPECT_STREQ(command.argv[1], "&");
    EXPECT_STREQ(command.argv[2], "&");
}

TEST(CommandLine, AmpersandErrors) {
    EXPECT_EQ(parse("a & b").error, Error::InvalidArgument);
    EXPECT_EQ(parse("a && ").error, Error::InvalidArgument);
    EXPECT_EQ(parse("&").error, Error::InvalidArgument);
    EXPECT_EQ(parse("a > &").error, Error::InvalidArgument);
    EXPECT_EQ(parse("a > f &").error, Error::None);
}

TEST(JobTable, BoundedAndOrdered) {
    shell::JobTable table;
    for (size_t i = 0; i < shell::kMaxJobs; ++i) {
        ASSERT_TRUE(table.add(static_cast<neurath::Endpoint>(20 + i), 100 + i, "job").ok());
    }
    EXPECT_EQ(table.add(99, 999, "extra").error(), Error::Busy);
    EXPECT_EQ(table.find_by_endpoint(22).value(), 2u);
    table.remove(0);
    EXPECT_EQ(table.count(), shell::kMaxJobs - 1);
    EXPECT_EQ(table.at(0).pid, 101u);
    EXPECT_EQ(table.find_by_endpoint(20).error(), Error::NotFound);
    table.remove(100);  // out of range: no effect
    EXPECT_EQ(table.count(), shell::kMaxJobs - 1);
    ASSERT_TRUE(table.add(30, 300, "a-name-longer-than-sixteen-bytes").ok());
    EXPECT_EQ(std::string(table.at(table.count() - 1).name).size(), neurath::kNameLength - 1);
}
