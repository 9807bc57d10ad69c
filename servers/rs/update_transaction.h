// update_transaction.h — the record of one live-update transaction in rs:
// its participants (one per server or program updated together), where it
// stands, its phase timings and the progress lines users see.
//
// Entry points: rs::Participant, rs::Transaction, rs::UpdateStage.
#pragma once

#include <protocol/rs.h>

#include "update_binary.h"

namespace rs {

using neurath::Endpoint;
using protocol::rs::UpdatePhase;
using protocol::rs::UpdateResult;

inline constexpr uint32_t kMaxProgressLines = 40;
inline constexpr uint64_t kDefaultUpdateTimeoutNs = 2'000'000'000ull;

struct Participant {
    char name[neurath::kNameLength];
    Endpoint endpoint = neurath::kNone;      // the name clients use
    bool is_service = false;
    bool is_self = false;                    // rs updating itself: it does not park, its transfer comes last
    int32_t priority = 0;
    uint32_t prepare_rank = 0;               // lower prepares first (callers before callees)
    uint64_t old_pid = 0;
    uint64_t old_version = 0;
    Binary new_binary;                       // what it will run
    Binary old_binary;                       // what it runs now, if rs has it (for undo)
    Endpoint new_endpoint = neurath::kNone;  // the new version's endpoint until commit
    uint64_t new_pid = 0;
    bool prepared = false;                   // accepted kPrepare: holding requests
    bool parked = false;
    bool loaded = false;                     // the new version asked for its transfer order
    bool ordered = false;                    // ... and got it
    bool ready = false;
    uint64_t runtime_root = 0;
    uint64_t objects = 0;
    uint64_t bytes = 0;
    uint64_t pointers = 0;
    uint64_t check_ns = 0;
};

enum class UpdateStage { Idle, Quiescing, Transferring, Finished };

struct Transaction {
    uint32_t id = 0;
    uint32_t flags = 0;
    uint64_t timeout_ns = kDefaultUpdateTimeoutNs;
    char state_filter[protocol::rs::kMaxStateFilter] = {};
    Participant parts[protocol::rs::kMaxUpdateTargets];
    uint32_t count = 0;

    UpdateStage stage = UpdateStage::Idle;
    UpdateResult result = UpdateResult::Running;
    char reason[protocol::rs::kUpdateLineLength] = {};
    uint64_t phase_started_ns = 0;
    uint64_t hold_started_ns = 0;            // first kPrepare accepted: clients may wait from here
    uint64_t phase_ns[static_cast<uint32_t>(UpdatePhase::Count)] = {};
    uint64_t blackout_ns = 0;

    char lines[kMaxProgressLines][protocol::rs::kUpdateLineLength] = {};
    uint32_t line_count = 0;

    Endpoint waiter = neurath::kNone;        // a client in UpdateWait (deferred reply)
    uint32_t waiter_first_line = 0;
    protocol::GrantRef waiter_lines = {};

    bool active() const { return stage == UpdateStage::Quiescing || stage == UpdateStage::Transferring; }
    bool undo() const { return (flags & protocol::rs::kUpdateUndo) != 0; }
};

}  // namespace rs
