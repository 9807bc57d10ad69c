// update_report_test.cpp — host tests of the `updates` table rows: short
// versions, microseconds, result names, the reason line of a rollback, and
// that rows line up with the header.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "update_report.h"

namespace pr = protocol::rs;

namespace {

pr::UpdateRecord record(pr::UpdateResult result) {
    pr::UpdateRecord r{};
    r.transaction = 7;
    r.result = result;
    std::strcpy(r.name, "kvd");
    r.old_version = 0x1234abcd00000000ull | 0xffffffffull;
    r.new_version = 0x00000042deadbeefull;
    const uint64_t phases[] = {1500, 2000999, 3000000, 4000, 999};
    for (uint32_t i = 0; i < static_cast<uint32_t>(pr::UpdatePhase::Count); ++i) r.phase_ns[i] = phases[i];
    r.blackout_ns = 12345678;
    return r;
}

std::string row(const pr::UpdateRecord& r) {
    char text[512];
    const int length = shell::format_update_row(text, sizeof text, r);
    EXPECT_GT(length, 0);
    EXPECT_LT(static_cast<size_t>(length), sizeof text);
    return std::string(text, static_cast<size_t>(length));
}

std::string header() {
    char text[512];
    const int length = shell::format_update_header(text, sizeof text);
    return std::string(text, static_cast<size_t>(length));
}

}  // namespace

TEST(UpdateReport, CommittedRowHasShortVersionsAndMicroseconds) {
    const std::string text = row(record(pr::UpdateResult::Committed));
    EXPECT_EQ(text,
              "   7 kvd        1234abcd -> 00000042        1     2000     3000        4        0    12345 committed\n");
}

TEST(UpdateReport, RowsLineUpWithTheHeader) {
    const std::string titles = header();
    const std::string text = row(record(pr::UpdateResult::Committed));
    EXPECT_EQ(titles.find("RESULT"), text.find("committed"));
    EXPECT_EQ(titles.find("BLACKOUT") + std::strlen("BLACKOUT"), text.find("12345") + 5);
    EXPECT_EQ(titles.find("OLD"), text.find("1234abcd"));
    EXPECT_EQ(titles.find("NEW"), text.find("00000042"));
}

TEST(UpdateReport, RollbackGetsItsReasonOnASecondLine) {
    pr::UpdateRecord r = record(pr::UpdateResult::RolledBack);
    std::strcpy(r.reason, "check failed: store.count_ > 0 is false");
    const std::string text = row(r);
    EXPECT_NE(text.find(" rolled back\n     reason: check failed: store.count_ > 0 is false\n"), std::string::npos);
    r.reason[0] = '\0';
    EXPECT_NE(row(r).find("reason: (rs gave no reason)"), std::string::npos);
}

TEST(UpdateReport, UnterminatedReasonIsCutAtItsField) {
    pr::UpdateRecord r = record(pr::UpdateResult::RolledBack);
    std::memset(r.reason, 'r', sizeof r.reason);
    const std::string text = row(r);
    EXPECT_NE(text.find("reason: " + std::string(sizeof r.reason, 'r') + "\n"), std::string::npos);
}

TEST(UpdateReport, ResultNames) {
    EXPECT_STREQ(shell::update_result_name(pr::UpdateResult::Committed), "committed");
    EXPECT_STREQ(shell::update_result_name(pr::UpdateResult::RolledBack), "rolled back");
    EXPECT_STREQ(shell::update_result_name(pr::UpdateResult::Prepared), "prepared");
    EXPECT_STREQ(shell::update_result_name(static_cast<pr::UpdateResult>(99)), "unknown");
    const std::string prepared = row(record(pr::UpdateResult::Prepared));
    EXPECT_EQ(prepared.find("reason"), std::string::npos);
}
