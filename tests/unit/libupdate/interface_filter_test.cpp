// interface_filter_test.cpp — which messages a quiescing server holds back.
#include <libupdate/interface_filter.h>

#include <gtest/gtest.h>

using namespace libupdate;

namespace {

neurath::Message message(int32_t type, neurath::Endpoint source) {
    neurath::Message m{};
    m.type = type;
    m.source = source;
    return m;
}

}  // namespace

TEST(InterfaceFilter, FirstMatchingRuleDecides) {
    Result<InterfaceFilter> filter = InterfaceFilter::parse("deliver 0x100-0x1ff, hold *");
    ASSERT_TRUE(filter.ok()) << filter.error().text;
    EXPECT_EQ(filter.value().decide(message(0x150, 20)), MessageAction::Deliver);
    EXPECT_EQ(filter.value().decide(message(0x200, 20)), MessageAction::Hold);
    EXPECT_EQ(filter.value().decide(message(0x1, 0)), MessageAction::Hold);
}

TEST(InterfaceFilter, MatchesBySourceEndpoint) {
    Result<InterfaceFilter> filter = InterfaceFilter::parse("deliver from 3; hold 512");
    ASSERT_TRUE(filter.ok()) << filter.error().text;
    EXPECT_EQ(filter.value().decide(message(512, 3)), MessageAction::Deliver);
    EXPECT_EQ(filter.value().decide(message(512, 4)), MessageAction::Hold);
    EXPECT_EQ(filter.value().decide(message(513, 4)), MessageAction::Deliver);  // no rule: delivered
}

TEST(InterfaceFilter, RulesCanBeBuiltInCode) {
    InterfaceFilter filter;
    InterfaceRule rule;
    rule.first_type = 10;
    rule.last_type = 20;
    ASSERT_TRUE(filter.add(rule).ok());
    EXPECT_EQ(filter.decide(message(15, 1)), MessageAction::Hold);
    EXPECT_EQ(filter.decide(message(21, 1)), MessageAction::Deliver);
}

TEST(InterfaceFilter, ReportsMalformedRules) {
    EXPECT_STREQ(InterfaceFilter::parse("keep *").error().text,
                 "interface filter, column 5: expected 'hold' or 'deliver', found 'keep'");
    EXPECT_STREQ(InterfaceFilter::parse("hold 9-3").error().text, "interface filter, column 9: empty message type range");
    EXPECT_STREQ(InterfaceFilter::parse("hold 1 to 3").error().text, "interface filter, column 10: expected 'from', found 'to'");
    EXPECT_STREQ(InterfaceFilter::parse("hold from").error().text, "interface filter, column 10: expected a number for the 'endpoint'");
    EXPECT_STREQ(InterfaceFilter::parse("").error().text, "interface filter: no rules");
}

TEST(InterfaceFilter, RefusesMoreRulesThanItHolds) {
    InterfaceFilter filter;
    for (size_t i = 0; i < InterfaceFilter::kMaxRules; ++i) ASSERT_TRUE(filter.add(InterfaceRule{}).ok());
    Result<void> extra = filter.add(InterfaceRule{});
    ASSERT_FALSE(extra.ok());
    EXPECT_EQ(extra.error().code, neurath::Error::TooBig);
}
