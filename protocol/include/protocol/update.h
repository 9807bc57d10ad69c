// update.h — the live-update protocol between rs (the update manager) and the
// processes it updates. Users reach it through rs (protocol/rs.h: kUpdate...).
//
// One transaction, for each server or updatable program `S` (docs/live-update.md):
//   rs -> S      kPrepare (SendReceive): install the state filter and start
//                holding new requests back; the reply is the verdict on the
//                filter (a malformed filter fails here, nothing changes).
//   S  -> rs     rs::kUpdateParked (SendReceive, answered at once): S is
//                parked at its quiescent point with the filter holding; S
//                then receives from rs only.
//   (before kPrepare: rs loads the binary and spawns S', the new version, with
//   --update and a capability to read S's memory, SpawnRequest::state_source;
//   S' -> rs rs::kUpdateLoaded (SendReceive) and waits.)
//   rs -> S'     the reply to kUpdateLoaded, rs::TransferOrder: the address of
//                S's runtime root; S' transfers and checks the state.
//   S' -> rs     rs::kUpdateReady (SendReceive, answered at once): state
//                transferred and checked, or the error; S' then waits until
//                it holds S's endpoint.
//   rs           commit: ProcSwapEndpoints(S, S'), kill S, notify S' kCommitTag;
//                rollback: kill S', notify S kAbortTag (S resumes).
// A quiescence deadline passing before kUpdateParked makes rs notify S
// kAbortTag as well: S drops the request and serves the held messages.
#pragma once

#include <protocol/common.h>

namespace protocol::update {

inline constexpr int32_t kPrepare = kCommonBase + 2;  // rs only

// Notification tags rs raises at an updated process (tags below 16 are IRQs,
// 63 is the kernel's alarm).
inline constexpr uint32_t kAbortTag = 62;   // cancel quiescence, or resume after rollback
inline constexpr uint32_t kCommitTag = 61;  // the new version owns the endpoint: start serving

inline constexpr uint32_t kMaxErrorText = 240;

struct PrepareRequest {
    GrantRef state_filter;  // read grant over the filter text (length 0: no filter)
    GrantRef error_text;    // write grant: on failure, what was wrong (NUL-terminated)
};
static_assert(kIsPayload<PrepareRequest>);

}  // namespace protocol::update
