// process_table_test.cpp — pm's bookkeeping: parents and children, zombies
// collected by wait, deferred waiters, orphans, kills.
#include <gtest/gtest.h>

#include <memory>

#include "process_table.h"

namespace {
using neurath::Error;
using neurath::kAny;
using protocol::pm::ExitKind;

constexpr neurath::Endpoint kShell = 16;
constexpr neurath::Endpoint kChild = 17;
constexpr neurath::Endpoint kGrandchild = 18;

std::unique_ptr<pm::ProcessTable> table_with_family() {
    auto table = std::make_unique<pm::ProcessTable>();
    EXPECT_TRUE(table->add(kShell, 1, neurath::kNone, "sh").ok());
    EXPECT_TRUE(table->add(kChild, 2, kShell, "cat").ok());
    EXPECT_TRUE(table->add(kGrandchild, 3, kChild, "ls").ok());
    return table;
}
}  // namespace

TEST(ProcessTable, EndedChildIsCollectedOnceByItsParent) {
    auto table = table_with_family();
    ASSERT_NE(table->record_end(kChild, 7, ExitKind::Exited), nullptr);
    EXPECT_EQ(table->take_zombie(kGrandchild, kAny).error(), Error::NotFound) << "not its parent";
    auto zombie = table->take_zombie(kShell, kAny);
    ASSERT_TRUE(zombie.ok());
    EXPECT_EQ(zombie.value().status, 7);
    EXPECT_EQ(zombie.value().pid, 2u);
    EXPECT_EQ(table->take_zombie(kShell, kAny).error(), Error::NotFound);
    EXPECT_FALSE(table->has_child(kShell, kAny));
}

TEST(ProcessTable, WaitersAreMatchedBySpecificChildOrAny) {
    auto table = table_with_family();
    ASSERT_TRUE(table->add(30, 9, kShell, "other").ok());
    ASSERT_TRUE(table->add_waiter(kShell, kChild).ok());
    EXPECT_EQ(table->add_waiter(kShell, kAny).error(), Error::Busy) << "one pending wait per process";
    const pm::ProcessRecord* other = table->record_end(30, 0, ExitKind::Exited);
    ASSERT_NE(other, nullptr);
    EXPECT_EQ(table->take_waiter_for(*other).error(), Error::NotFound) << "waiting for a different child";
    const pm::ProcessRecord* child = table->record_end(kChild, 3, ExitKind::Faulted);
    ASSERT_NE(child, nullptr);
    auto waiter = table->take_waiter_for(*child);
    ASSERT_TRUE(waiter.ok());
    EXPECT_EQ(waiter.value().waiter, kShell);
}

TEST(ProcessTable, ChildrenOfAnEndedProcessAreOrphanedAndReaped) {
    auto table = table_with_family();
    ASSERT_NE(table->record_end(kGrandchild, 0, ExitKind::Exited), nullptr);  // zombie of kChild
    ASSERT_TRUE(table->add(19, 4, kChild, "sleep").ok());
    table->record_end(kChild, 0, ExitKind::Exited);
    EXPECT_EQ(table->take_zombie(kChild, kAny).error(), Error::NotFound) << "ended grandchild reaped";
    pm::ProcessRecord* orphan = table->find_live(19);
    ASSERT_NE(orphan, nullptr);
    EXPECT_EQ(orphan->parent, neurath::kNone);
    EXPECT_EQ(table->record_end(19, 0, ExitKind::Exited), nullptr) << "an orphan is reaped at once";
    EXPECT_EQ(table->find_live(19), nullptr);
}

TEST(ProcessTable, PendingWaitOfAnEndedProcessIsForgotten) {
    auto table = table_with_family();
    ASSERT_TRUE(table->add_waiter(kChild, kAny).ok());
    table->record_end(kChild, 0, ExitKind::Exited);
    const pm::ProcessRecord* grandchild = table->record_end(kGrandchild, 0, ExitKind::Exited);
    EXPECT_EQ(grandchild, nullptr) << "orphaned by kChild's end, so reaped";
}

TEST(ProcessTable, KillRequestMarksTheExitAsKilled) {
    auto table = table_with_family();
    table->find_live(kChild)->kill_requested = true;
    const pm::ProcessRecord* record = table->record_end(kChild, -1, ExitKind::Exited);
    ASSERT_NE(record, nullptr);
    EXPECT_EQ(record->kind, ExitKind::Killed);
}

TEST(ProcessTable, DuplicateLiveEndpointAndCapacity) {
    pm::ProcessTable table;
    ASSERT_TRUE(table.add(16, 1, neurath::kNone, "a").ok());
    EXPECT_EQ(table.add(16, 2, neurath::kNone, "b").error(), Error::AlreadyExists);
    for (int i = 1; i < static_cast<int>(pm::ProcessTable::kCapacity); ++i) ASSERT_TRUE(table.add(16 + i, i, 16, "c").ok());
    EXPECT_EQ(table.add(200, 99, 16, "d").error(), Error::NoSpace);
    EXPECT_EQ(table.live_count(), pm::ProcessTable::kCapacity);
}
