// update_manager.h — rs as the update manager: runs one live-update
// transaction at a time, over one or several servers or programs, through
// the phases load, quiesce, transfer, check and commit, and rolls it back on
// any failure (protocol/update.h has the message exchange; docs/live-update.md
// the whole protocol).
//
// rs's handlers feed it: user requests (begin, wait, history), the reports of
// the processes being updated (parked, loaded, ready), its alarm (deadlines)
// and the kernel's exit/fault reports (a new version that dies).
//
// Entry points: rs::UpdateManager and its on_* methods.
#pragma once

#include <sys/server.h>

#include "update_store.h"
#include "update_transaction.h"

namespace rs {

struct RsState;

// "<name>: <reason>" for a new version's failed report (update_progress.cpp).
void failure_reason(Endpoint reporter, const char* name, const protocol::rs::UpdateReady& report, char* reason,
                    size_t capacity);

class UpdateManager {
public:
    // A user's update request: load and validate every binary, spawn the new
    // versions, ask the old ones to prepare. On refusal `why` explains and
    // nothing changed; else the transaction id.
    Result<uint32_t> begin(RsState& rs, const protocol::rs::UpdateSpec& spec, char* why, size_t why_capacity);

    // A client waiting for progress: answered now or when there is news.
    Result<sys::Disposition> wait(Endpoint client, const protocol::rs::UpdateWaitRequest& request,
                                  neurath::Message& reply);

    Result<sys::Disposition> on_parked(RsState& rs, Endpoint source, uint64_t runtime_root);
    // A new version asks for its transfer order (its reply is deferred).
    Result<sys::Disposition> on_loaded(RsState& rs, Endpoint source);
    Result<sys::Disposition> on_ready(RsState& rs, Endpoint source, const protocol::rs::UpdateReady& report);
    void on_alarm();
    // A process ended. True when it was a new or replaced version of an
    // update (rs's restart policy must leave it alone).
    bool on_process_ended(Endpoint endpoint, const char* how);
    // In the new rs, once its own update committed: the transaction it
    // inherited (in the state the old rs had when it handed over) is
    // finished here: records, history, the waiting client's answer.
    void on_self_committed(RsState& rs);

    const UpdateStore& store() const { return store_; }
    UpdateStore& store() { return store_; }

private:
    // update_begin.cpp
    Result<void> resolve_targets(RsState& rs, const protocol::rs::UpdateSpec& spec, char* why, size_t capacity);
    Result<void> load_binaries(RsState& rs, const protocol::rs::UpdateSpec& spec, char* why, size_t capacity);
    Result<void> spawn_new_versions(char* why, size_t capacity);
    Result<void> wait_until_loaded(char* why, size_t capacity);
    Result<void> prepare_all(char* why, size_t capacity);
    void discard_refused();

    // update_progress.cpp
    void end_quiescence_if_all_parked();
    void start_transfer_if_ready(RsState& rs);
    void send_transfer_order(Participant& part);
    void commit(RsState& rs);
    void end_transfer_and_check();
    void kill_replaced_and_wake_new();
    void record_commit(RsState& rs);
    // update_self.cpp: rs as a participant of its own update.
    Participant* self_participant();
    bool others_ready() const;
    void transfer_self(RsState& rs);
    void hand_over_to_new_self(Participant& self);  // returns only if the commit was refused
    Result<void> swap_others(uint32_t& swapped);
    void swap_back_others(uint32_t count);
    void finish_others_commit(RsState& rs);
    void rollback(const char* reason);
    void finish(UpdateResult result, const char* reason);
    void log_figures(UpdateResult result, const char* reason) const;
    void keep_binaries_and_history(RsState& rs);
    void end_phase(UpdatePhase phase);
    void line(const char* pattern, ...) __attribute__((format(printf, 2, 3)));
    void answer_waiter();
    Participant* by_endpoint(Endpoint endpoint);
    Participant* by_new_endpoint(Endpoint endpoint);
    void expect_end(Endpoint endpoint);

    Transaction transaction_;
    uint32_t next_id_ = 1;
    UpdateStore store_;
    // Endpoints whose end rs caused (killed versions): their reports are not service failures.
    Endpoint expected_ends_[2 * protocol::rs::kMaxUpdateTargets] = {};
    uint32_t expected_end_count_ = 0;
};

}  // namespace rs
