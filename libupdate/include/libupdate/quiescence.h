// quiescence.h — parking a program at a quiescent point for an update.
//
// The pass brackets every call of the server framework's receive with
// __lu_quiescent_enter / __lu_quiescent_leave. When an update is requested,
// each enter evaluates the request's state filter against the program's own
// state; once it holds, the park handler runs there (inside Neurath it
// reports to the update manager and blocks; on the host a test may snapshot
// the process). Which incoming messages wait meanwhile is not decided here:
// the server framework's admission gate holds them (libsys's admission.h,
// installed by the update agent), one mechanism for every server.
//
// Entry points: QuiescenceRequest, quiescence_request(), quiescence_cancel(),
// quiescence_pending(), quiescence_stats(), quiescence_current_point().
#pragma once

#include <libupdate/filter.h>
#include <libupdate/metadata.h>

namespace libupdate {

// Runs at the quiescent point once the state filter holds. Returning resumes
// the program (the request is then finished).
using ParkHandler = void (*)(const lu_quiescent_point* point, void* user);

struct QuiescenceRequest {
    const char* state_filter = nullptr;               // null or "": park at the first quiescent point
    ParkHandler park = nullptr;
    void* user = nullptr;
};

struct QuiescenceStats {
    uint64_t points_entered = 0;     // quiescent points reached
    uint64_t filter_evaluations = 0;
    uint64_t filter_rejections = 0;  // evaluations that found the state busy
    uint64_t parks = 0;
};

// Install a request. The filter is compiled and evaluated once now, so an
// unknown name or a type mismatch is reported to the requester at once.
Result<void> quiescence_request(const QuiescenceRequest& request);
void quiescence_cancel();
bool quiescence_pending();
QuiescenceStats quiescence_stats();
// The quiescent point the program is blocked in, or null.
const lu_quiescent_point* quiescence_current_point();

}  // namespace libupdate
