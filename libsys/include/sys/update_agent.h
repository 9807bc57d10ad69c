// update_agent.h — the server framework's half of live update, as the
// framework sees it. The agent itself (libupdate/target/update_agent.cpp)
// runs the protocol of protocol/update.h with rs: on the old version it
// accepts rs's kPrepare, holds new requests back through the admission gate
// and parks at the quiescent point; on the new version (StartKind::Update) it
// transfers the old version's state, runs the server's own update hook,
// reports to rs and waits for the commit.
//
// Entry points: sys::update_agent_dispatch (called by dispatch() for the
// messages only rs sends), sys::update_agent_start (called by the start
// hook runner for StartKind::Update), sys::UpdateStep, sys::update_agent_own_transfer.
#pragma once

#include <neurath/message.h>
#include <sys/result.h>

namespace libupdate {
struct UpdatePolicy;  // a server's transfer hooks and invariants (libupdate/update_policy.h)
}

namespace sys {

// Handles kPrepare and rs's notifications; false when `request` is not one
// of them. `reply` is filled for kPrepare (the framework sends it).
bool update_agent_dispatch(const neurath::Message& request, neurath::Message& reply, bool& send_reply);

// The server's own step after the transfer (its lifecycle `update` hook).
struct UpdateStep {
    Result<void> (*run)(void* context) = nullptr;
    void* context = nullptr;
};

// New version: asks rs for the old version, transfers its state (with the
// policy's hooks and invariants), runs `after_transfer`, reports to rs and
// returns once rs committed. On any failure it reports the error to rs and
// ends the process: the old version carries on.
Result<void> update_agent_start(const libupdate::UpdatePolicy* policy, UpdateStep after_transfer);

// What this process's own transfer moved, once update_agent_start returned
// (zeros otherwise): rs records its own figures after it replaced itself.
struct TransferFigures {
    uint64_t objects = 0;   // globals and heap objects
    uint64_t bytes = 0;     // old state read
    uint64_t pointers = 0;  // pointers relocated
    uint64_t check_ns = 0;  // state check, invariants, the server's hook
};
TransferFigures update_agent_own_transfer();

}  // namespace sys
