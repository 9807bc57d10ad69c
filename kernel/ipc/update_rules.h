// update_rules.h — who may take part in a live update, as pure decisions on
// plain values (host-testable): the state-read capability of ProcMemoryRead
// and the endpoints a ProcSwapEndpoints may exchange.
//
// Entry points: check_state_read(capability_pid, target_pid),
// check_swap_names(caller, a, b).
// Invariants: a state-read capability names one process by pid (0: none),
// so it never extends to a restarted or different process at the same
// endpoint; only the process at kRs may swap kRs (rs updating itself).
#pragma once

#include <neurath/endpoint.h>
#include <stdint.h>

#include "core/result.h"

namespace kernel {

// May a process whose state source is `capability_pid` read the memory of
// the process `target_pid`? -PermissionDenied unless it is that process.
inline Result<void> check_state_read(uint64_t capability_pid, uint64_t target_pid) {
    if (capability_pid == 0 || capability_pid != target_pid) return Error::PermissionDenied;
    return {};
}

// May the process at `caller` exchange the names `a` and `b`? A name cannot
// be swapped with itself (-InvalidArgument); kRs only by rs (-PermissionDenied).
inline Result<void> check_swap_names(neurath::Endpoint caller, neurath::Endpoint a, neurath::Endpoint b) {
    if (a == b) return Error::InvalidArgument;
    if ((a == neurath::kRs || b == neurath::kRs) && caller != neurath::kRs) return Error::PermissionDenied;
    return {};
}

}  // namespace kernel
