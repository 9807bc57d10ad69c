// process_table.h — pm's record of the user processes it started: who is
// whose parent, who has ended (zombies awaiting a wait), and which wait
// requests are pending (deferred replies). Pure logic, unit-tested on the
// host (tests/unit/pm).
//
// Entry points: pm::ProcessTable::{add, find_live, record_end, take_zombie,
// add_waiter, take_waiter_for, forget_waiters_of, has_child, hand_children_to,
// is_descendant, live_descendants}.
// Invariants: at most one live record per endpoint; a zombie is removed
// when its parent collects it (take_zombie) or when its parent is gone
// (orphans are reaped at once); a pending waiter is a live process. The
// parent of a live record is live or kNone: when a process ends, its live
// children are handed to init (adopted), and an adopted child is reaped as
// soon as it ends, since its adopter did not start it and never waits for it.
#pragma once

#include <protocol/pm.h>
#include <sys/manifest.h>
#include <sys/result.h>

namespace pm {

using neurath::Endpoint;
using protocol::pm::ExitKind;
using sys::Result;

struct ProcessRecord {
    bool used;
    bool ended;             // zombie: waiting to be collected by its parent
    bool kill_requested;
    Endpoint endpoint;
    Endpoint parent;        // kNone: orphan or started by a service
    uint64_t pid;
    char name[neurath::kNameLength];
    int32_t status;
    ExitKind kind;
    bool adopted;                       // handed to init when its parent ended: reaped when it ends
    uint32_t process_limit;             // its profile's `processes` (0: none)
    sys::manifest::KillScope kill_scope;  // its profile's `kill`
};

struct Waiter {
    bool used;
    Endpoint waiter;
    Endpoint child;         // a child endpoint or kAny
};

class ProcessTable {
public:
    static constexpr size_t kCapacity = 64;

    Result<ProcessRecord*> add(Endpoint endpoint, uint64_t pid, Endpoint parent, const char* name);
    ProcessRecord* find_live(Endpoint endpoint);
    const ProcessRecord* find_live(Endpoint endpoint) const;

    // The process ended. Its own children become orphans (ended ones are
    // reaped). Returns the record, still present as a zombie unless it had
    // no parent to collect it (then nullptr is returned after reaping).
    ProcessRecord* record_end(Endpoint endpoint, int32_t status, ExitKind kind);

    // Removes and returns an ended child of `parent` matching `child` (or kAny).
    Result<ProcessRecord> take_zombie(Endpoint parent, Endpoint child);
    // Whether `parent` has any child (live or ended) matching `child`.
    bool has_child(Endpoint parent, Endpoint child) const;

    Result<void> add_waiter(Endpoint waiter, Endpoint child);
    // The pending waiter that the end of `record` satisfies (removed), if any.
    Result<Waiter> take_waiter_for(const ProcessRecord& record);
    void forget_waiters_of(Endpoint waiter);

    // Makes every live child of `parent` (kNone: every parentless process
    // but `adopter` itself) a child of `adopter`, marked adopted.
    void hand_children_to(Endpoint parent, Endpoint adopter);
    // Whether `process` descends from `ancestor` (a child, a child's child, ...).
    bool is_descendant(Endpoint ancestor, Endpoint process) const;
    size_t live_descendants(Endpoint ancestor) const;

    size_t live_count() const;
    const ProcessRecord* at(size_t index) const { return index < kCapacity && records_[index].used ? &records_[index] : nullptr; }

private:
    static bool matches(const ProcessRecord& record, Endpoint parent, Endpoint child);
    void orphan_children_of(Endpoint parent);

    ProcessRecord records_[kCapacity] = {};
    Waiter waiters_[kCapacity] = {};
};

}  // namespace pm
