// ownership_test.cpp — pm's ownership rules and limits, each test named after
// the finding it guards against: any program could kill anything through pm
// (init and the shell included), orphans piled up in pm's table until new
// programs were refused, and there was no process-count limit.
#include <gtest/gtest.h>

#include <memory>

#include "ownership.h"

namespace {
using neurath::Error;
using protocol::pm::ExitKind;
using sys::manifest::KillScope;

constexpr neurath::Endpoint kInit = 16;
constexpr neurath::Endpoint kJob = 17;
constexpr neurath::Endpoint kWorker = 18;
constexpr neurath::Endpoint kOtherJob = 19;

// init (the shell) -> job -> worker, and a second job of init.
std::unique_ptr<pm::ProcessTable> family() {
    auto table = std::make_unique<pm::ProcessTable>();
    EXPECT_TRUE(table->add(kInit, 1, neurath::kNone, "sh").ok());
    EXPECT_TRUE(table->add(kJob, 2, kInit, "ipcstress").ok());
    EXPECT_TRUE(table->add(kWorker, 3, kJob, "benchpeer").ok());
    EXPECT_TRUE(table->add(kOtherJob, 4, kInit, "kvd").ok());
    return table;
}

size_t used_records(const pm::ProcessTable& table) {
    size_t used = 0;
    for (size_t i = 0; i < pm::ProcessTable::kCapacity; ++i) used += table.at(i) != nullptr;
    return used;
}

}  // namespace

TEST(Ownership, UserProgramCannotKillTheShellThatIsInit) {
    auto table = family();
    EXPECT_EQ(pm::check_kill(*table, kJob, kInit, kInit).error(), Error::PermissionDenied);
    EXPECT_EQ(pm::check_kill(*table, kInit, kInit, kInit).error(), Error::PermissionDenied) << "not even itself";
}

TEST(Ownership, UserProgramCannotKillAServer) {
    auto table = family();
    for (neurath::Endpoint server : {neurath::kRs, neurath::kPm, neurath::kVfs, neurath::kDs, neurath::kTty}) {
        EXPECT_EQ(pm::check_kill(*table, kInit, server, kInit).error(), Error::PermissionDenied) << server;
    }
    table->find_live(kInit)->kill_scope = KillScope::Programs;
    EXPECT_EQ(pm::check_kill(*table, kInit, neurath::kVfs, kInit).error(), Error::PermissionDenied)
        << "no profile reaches the servers";
}

TEST(Ownership, UserProgramCannotKillANonDescendant) {
    auto table = family();
    EXPECT_EQ(pm::check_kill(*table, kJob, kOtherJob, kInit).error(), Error::PermissionDenied) << "a sibling";
    EXPECT_EQ(pm::check_kill(*table, kWorker, kJob, kInit).error(), Error::PermissionDenied) << "its parent";
}

TEST(Ownership, ProgramMayKillItselfAndItsDescendants) {
    auto table = family();
    EXPECT_TRUE(pm::check_kill(*table, kInit, kJob, kInit).ok());
    EXPECT_TRUE(pm::check_kill(*table, kInit, kWorker, kInit).ok()) << "a grandchild";
    EXPECT_TRUE(pm::check_kill(*table, kJob, kWorker, kInit).ok());
    EXPECT_TRUE(pm::check_kill(*table, kWorker, kWorker, kInit).ok()) << "itself";
}

TEST(Ownership, KillProgramsProfileMayKillAnyProgramInitIncluded) {
    auto table = family();
    table->find_live(kOtherJob)->kill_scope = KillScope::Programs;
    EXPECT_TRUE(pm::check_kill(*table, kOtherJob, kWorker, kInit).ok());
    EXPECT_TRUE(pm::check_kill(*table, kOtherJob, kInit, kInit).ok());
}

TEST(Ownership, ServersMayKillProgramsAndUnknownCallersNothing) {
    auto table = family();
    EXPECT_TRUE(pm::check_kill(*table, neurath::kRs, kJob, kInit).ok());
    EXPECT_EQ(pm::check_kill(*table, 40, kJob, kInit).error(), Error::PermissionDenied) << "not started by pm";
    EXPECT_EQ(pm::check_kill(*table, kInit, 41, kInit).error(), Error::NotFound);
}

TEST(Ownership, KilledJobsWorkersAreHandedToInitWhoMayKillThem) {
    auto table = family();
    table->hand_children_to(kJob, kInit);
    ASSERT_NE(table->record_end(kJob, 9, ExitKind::Killed), nullptr) << "a zombie until init collects it";
    const pm::ProcessRecord* worker = table->find_live(kWorker);
    ASSERT_NE(worker, nullptr);
    EXPECT_EQ(worker->parent, kInit);
    EXPECT_TRUE(worker->adopted);
    EXPECT_TRUE(pm::check_kill(*table, kInit, kWorker, kInit).ok());
    EXPECT_EQ(table->record_end(kWorker, 9, ExitKind::Killed), nullptr) << "an adopted child is reaped at once";
    EXPECT_FALSE(table->has_child(kInit, kWorker));
}

TEST(Ownership, SpawnPastTheParentsProcessLimitIsRefused) {
    auto table = family();
    table->find_live(kJob)->process_limit = 2;
    EXPECT_TRUE(pm::check_process_limit(*table, kJob).ok()) << "1 descendant, room for a second";
    ASSERT_TRUE(table->add(20, 5, kJob, "benchpeer").ok());
    EXPECT_EQ(pm::check_process_limit(*table, kJob).error(), Error::ProcessLimit);
}

TEST(Ownership, SpawnPastAnAncestorsProcessLimitIsRefused) {
    auto table = family();
    table->find_live(kInit)->process_limit = 3;  // job, worker, other job: full
    EXPECT_EQ(pm::check_process_limit(*table, kWorker).error(), Error::ProcessLimit) << "a fork bomb below a job";
    EXPECT_EQ(pm::check_process_limit(*table, kInit).error(), Error::ProcessLimit);
    ASSERT_NE(table->record_end(kOtherJob, 0, ExitKind::Exited), nullptr);
    EXPECT_TRUE(pm::check_process_limit(*table, kWorker).ok()) << "an ended one no longer counts";
}

TEST(Ownership, TwoHundredJobsWithWorkersLeaveNoOrphansInPmsTable) {
    pm::ProcessTable table;
    ASSERT_TRUE(table.add(kInit, 1, neurath::kNone, "sh").ok());
    neurath::Endpoint next = 17;
    for (int round = 0; round < 200; ++round) {
        const neurath::Endpoint job = next++;
        const neurath::Endpoint worker = next++;
        ASSERT_TRUE(table.add(job, 100 + round, kInit, "ipcstress").ok()) << "round " << round;
        ASSERT_TRUE(table.add(worker, 1000 + round, job, "benchpeer").ok());
        // The job is killed: its worker goes to init; the shell collects the job.
        table.hand_children_to(job, kInit);
        ASSERT_NE(table.record_end(job, 9, ExitKind::Killed), nullptr);
        ASSERT_TRUE(table.take_zombie(kInit, job).ok());
        EXPECT_TRUE(table.is_descendant(kInit, worker)) << "init may kill the orphan";
        // The orphan ends (killed by the user): reaped at once, no zombie left.
        EXPECT_EQ(table.record_end(worker, 9, ExitKind::Killed), nullptr);
    }
    EXPECT_EQ(used_records(table), 1u) << "only init is left";
}
