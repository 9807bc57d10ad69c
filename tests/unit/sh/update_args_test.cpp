// update_args_test.cpp — host tests of `update`'s argument checking: each
// form as the shell's own tokenizer splits a typed line (so quoting a state
// filter is tested end to end), every error text naming its argument, and
// every protocol limit.
#include <gtest/gtest.h>

#include <string>

#include "command_line.h"
#include "update_args.h"

namespace pr = protocol::rs;
using neurath::Error;

namespace {

struct Outcome {
    Error error = Error::None;
    std::string text;      // the error message
    pr::UpdateSpec spec{};
};

// Tokenizes `line` like the shell does, then checks it as `update` would.
Outcome update(const std::string& line) {
    shell::CommandLine command;
    Outcome outcome;
    const auto parsed = shell::parse_command_line(line.data(), line.size(), command);
    EXPECT_TRUE(parsed.ok()) << line;
    char error[shell::kUpdateArgsErrorLength];
    const auto result = shell::parse_update_args(command.argc, command.argv, outcome.spec, error);
    if (result.is_error()) {
        outcome.error = result.error();
        outcome.text = error;
    }
    return outcome;
}

// The error text of a line that must be refused.
std::string refusal(const std::string& line) {
    const Outcome outcome = update(line);
    EXPECT_EQ(outcome.error, Error::InvalidArgument) << line;
    EXPECT_FALSE(outcome.text.empty()) << line;
    EXPECT_EQ(outcome.text.find('\n'), std::string::npos) << line;
    return outcome.text;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(UpdateArgs, OneTargetWithDefaults) {
    const Outcome o = update("update ds /sbin/ds.next");
    ASSERT_EQ(o.error, Error::None) << o.text;
    EXPECT_EQ(o.spec.target_count, 1u);
    EXPECT_STREQ(o.spec.targets[0].name, "ds");
    EXPECT_STREQ(o.spec.targets[0].binary, "/sbin/ds.next");
    EXPECT_EQ(o.spec.flags, 0u);
    EXPECT_EQ(o.spec.timeout_ms, 0u);
    EXPECT_STREQ(o.spec.state_filter, "");
}

TEST(UpdateArgs, QuotedStateFilterKeepsSpacesAndOperators) {
    const Outcome o = update("update ds /sbin/ds.next --state \"store.count_ > 0\"");
    ASSERT_EQ(o.error, Error::None) << o.text;
    EXPECT_STREQ(o.spec.state_filter, "store.count_ > 0");
    const Outcome single = update("update kvd bin/kvd.v2 --state 'pending == 0 && queue.len < 4'");
    ASSERT_EQ(single.error, Error::None) << single.text;
    EXPECT_STREQ(single.spec.state_filter, "pending == 0 && queue.len < 4");
    EXPECT_STREQ(single.spec.targets[0].binary, "/bin/kvd.v2");  // relative paths start at /
}

TEST(UpdateArgs, OptionsAnywhereAndFlags) {
    const Outcome o = update("update --timeout 500 kvd --round-trip /bin/kvd.v2 --prepare-only");
    ASSERT_EQ(o.error, Error::None) << o.text;
    EXPECT_EQ(o.spec.timeout_ms, 500u);
    EXPECT_EQ(o.spec.flags, pr::kUpdateRoundTrip | pr::kUpdatePrepareOnly);
    EXPECT_STREQ(o.spec.targets[0].name, "kvd");
}

TEST(UpdateArgs, SeveralTargetsInOneTransaction) {
    const Outcome o = update("update ds:/sbin/ds.next vfs:/sbin/vfs.next 12:bin/kvd.v2 --timeout 3000");
    ASSERT_EQ(o.error, Error::None) << o.text;
    ASSERT_EQ(o.spec.target_count, 3u);
    EXPECT_STREQ(o.spec.targets[1].name, "vfs");
    EXPECT_STREQ(o.spec.targets[1].binary, "/sbin/vfs.next");
    EXPECT_STREQ(o.spec.targets[2].name, "12");
    EXPECT_STREQ(o.spec.targets[2].binary, "/bin/kvd.v2");
    EXPECT_EQ(o.spec.timeout_ms, 3000u);
}

TEST(UpdateArgs, MostTargetsFitOneMoreIsRefused) {
    std::string line = "update";
    for (uint32_t i = 0; i < pr::kMaxUpdateTargets; ++i) line += " s" + std::to_string(i) + ":/sbin/x";
    const Outcome most = update(line);
    ASSERT_EQ(most.error, Error::None) << most.text;
    EXPECT_EQ(most.spec.target_count, pr::kMaxUpdateTargets);
    EXPECT_TRUE(contains(refusal(line + " extra:/sbin/y"), "too many targets: 7 (at most 6"));
}

TEST(UpdateArgs, Undo) {
    const Outcome o = update("update --undo ds");
    ASSERT_EQ(o.error, Error::None) << o.text;
    EXPECT_EQ(o.spec.flags, pr::kUpdateUndo);
    EXPECT_EQ(o.spec.target_count, 1u);
    EXPECT_STREQ(o.spec.targets[0].name, "ds");
    EXPECT_STREQ(o.spec.targets[0].binary, "");
    EXPECT_EQ(update("update ds --undo --timeout 10").spec.timeout_ms, 10u);
    EXPECT_TRUE(contains(refusal("update --undo"), "--undo: missing the name"));
    EXPECT_TRUE(contains(refusal("update --undo ds vfs"), "unexpected argument 'vfs'"));
    EXPECT_TRUE(contains(refusal("update --undo ds:/sbin/ds"), "--undo takes a name"));
    EXPECT_TRUE(contains(refusal("update --undo ds --state x"), "--undo cannot be combined with --state"));
    EXPECT_TRUE(contains(refusal("update --undo ds --round-trip"), "--round-trip"));
    EXPECT_TRUE(contains(refusal("update --prepare-only --undo ds"), "--prepare-only"));
}

TEST(UpdateArgs, UnknownOptionsAndMissingValuesNameTheArgument) {
    EXPECT_TRUE(contains(refusal("update ds /sbin/ds --fast"), "unknown option --fast"));
    EXPECT_TRUE(contains(refusal("update ds /sbin/ds -t 5"), "unknown option -t"));
    EXPECT_TRUE(contains(refusal("update ds /sbin/ds --state"), "--state: missing value"));
    EXPECT_TRUE(contains(refusal("update ds /sbin/ds --timeout"), "--timeout: missing value"));
    EXPECT_TRUE(contains(refusal("update ds /sbin/ds --state ''"), "--state: empty"));
    EXPECT_TRUE(contains(refusal("update ds /sbin/ds --state a --state b"), "--state given twice"));
    EXPECT_TRUE(contains(refusal("update ds /sbin/ds --round-trip --round-trip"), "--round-trip given twice"));
}

TEST(UpdateArgs, TimeoutMustBeAPositiveNumberOfMilliseconds) {
    EXPECT_TRUE(contains(refusal("update ds /sbin/ds --timeout soon"), "--timeout: 'soon' is not a number"));
    EXPECT_TRUE(contains(refusal("update ds /sbin/ds --timeout -5"), "'-5' is not a number"));
    EXPECT_TRUE(contains(refusal("update ds /sbin/ds --timeout 12ms"), "'12ms'"));
    EXPECT_TRUE(contains(refusal("update ds /sbin/ds --timeout 0"), "at least 1 ms"));
    EXPECT_TRUE(contains(refusal("update ds /sbin/ds --timeout 3600001"), "more than the limit"));
    EXPECT_EQ(update("update ds /sbin/ds --timeout 3600000").error, Error::None);
    EXPECT_TRUE(contains(refusal("update ds /sbin/ds --timeout 1 --timeout 2"), "--timeout given twice"));
}

TEST(UpdateArgs, MissingAndExtraWords) {
    EXPECT_TRUE(contains(refusal("update --round-trip"), "missing what to update"));
    EXPECT_TRUE(contains(refusal("update ds"), "ds: missing the binary"));
    EXPECT_TRUE(contains(refusal("update ds /a /b"), "unexpected argument '/b'"));
    EXPECT_TRUE(contains(refusal("update ds:/a vfs"), "'vfs': expected <name>:<binary>"));
    EXPECT_TRUE(contains(refusal("update :/sbin/ds"), "missing the name"));
    EXPECT_TRUE(contains(refusal("update ds:"), "missing the binary after ':'"));
    EXPECT_TRUE(contains(refusal("update ds:/a ds:/b"), "ds: named twice"));
}

TEST(UpdateArgs, NameFilterAndPathLimits) {
    const std::string longest_name(neurath::kNameLength - 1, 'n');
    EXPECT_EQ(update("update " + longest_name + " /b").error, Error::None);
    EXPECT_TRUE(contains(refusal("update " + longest_name + "x /b"), "name too long (16 characters, at most 15)"));
    EXPECT_TRUE(contains(refusal("update " + longest_name + "x:/b"), "name too long"));

    const std::string longest_path = "/" + std::string(pr::kMaxUpdatePath - 2, 'p');
    EXPECT_EQ(update("update ds " + longest_path).error, Error::None);
    EXPECT_TRUE(contains(refusal("update ds " + longest_path + "p"), "path too long (96 bytes, at most 95)"));
    // A relative path grows by the leading '/': checked after that.
    EXPECT_TRUE(contains(refusal("update ds " + longest_path.substr(1) + "p"), "path too long"));

    const std::string longest_filter(pr::kMaxStateFilter - 1, 'f');
    const Outcome fits = update("update ds /b --state " + longest_filter);
    ASSERT_EQ(fits.error, Error::None) << fits.text;
    EXPECT_EQ(std::string(fits.spec.state_filter), longest_filter);
    EXPECT_TRUE(contains(refusal("update ds /b --state " + longest_filter + "f"),
                         "--state: expression too long (160 characters, at most 159)"));
}

TEST(UpdateArgs, ErrorTextFitsAndIsTerminatedForHugeWords) {
    const std::string huge(200, 'w');
    const std::string text = refusal("update " + huge + " /b");
    EXPECT_LT(text.size(), shell::kUpdateArgsErrorLength);
}
