// process_table_next_test.cpp — host tests of what pm version 2 (pm.next,
// servers/pm/versions/next.patch) adds to the process table: start and end
// times, and the run time a wait reply carries. Built against the patched
// copy; process_table_test.cpp and pm_protocol_test.cpp run on it too.
#include <gtest/gtest.h>

#include "process_table.h"

namespace {
using protocol::pm::ExitKind;
constexpr uint64_t kMs = 1'000'000;
}  // namespace

TEST(ProcessTableNext, ARecordSaysHowLongItsProcessRan) {
    pm::ProcessTable table;
    ASSERT_TRUE(table.add(16, 1, neurath::kNone, "sh", 5 * kMs).ok());
    ASSERT_TRUE(table.add(17, 2, 16, "kvload", 10 * kMs).ok());
    const pm::ProcessRecord* ended = table.record_end(17, 0, ExitKind::Exited, 1510 * kMs + 7);
    ASSERT_NE(ended, nullptr);
    EXPECT_EQ(pm::run_ms(*ended), 1500u);
    EXPECT_EQ(table.take_zombie(16, 17).value().ended_ns, 1510 * kMs + 7);
}

TEST(ProcessTableNext, AnUnknownStartIsNoRunTimeAndAShortRunIsOneMillisecond) {
    pm::ProcessRecord record{};
    record.ended_ns = 99 * kMs;
    EXPECT_EQ(pm::run_ms(record), 0u) << "carried over from version 1: start unknown";
    record.started_ns = 99 * kMs - 10;
    EXPECT_EQ(pm::run_ms(record), 1u);
    record.started_ns = 1;
    record.ended_ns = ~0ull;
    EXPECT_EQ(pm::run_ms(record), 0xffffffffu);
}
