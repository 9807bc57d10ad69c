// call_plans.h — what the fuzzer passes to each kernel call and what it may
// come back with.
//
// Entry point: plan_call(number, arguments, memory) -> CallPlan. Rules per call:
// privileged calls must be refused with PermissionDenied and numbers without
// a call with NotSupported, whatever the arguments; a call given a buffer it
// cannot use (kernel, non-canonical, unmapped, straddling into an unmapped
// page, read-only for a write) must fail; grant copies and revocations must
// fail (nobody grants the fuzzer anything, and it revokes its own grants at
// once; no program grants to kAny). Calls that would end the fuzzer (Exit) are skipped; calls that may
// wait are bounded: receives by an alarm, sends only to endpoints that
// always receive or cannot (arguments.h). MapAnonymous may succeed only in
// the fuzzer's own arena, within a budget. Unmap may succeed only on the
// newest arena mapping; everywhere else it is given a window that must be
// refused (outside user memory, unaligned, never mapped, or partly mapped:
// -NotFound), so the fuzzer never unmaps its own code, stack or heap.
#pragma once

#include <neurath/error.h>
#include <stdint.h>

#include "arguments.h"

namespace kcallfuzz {

enum class Rule {
    Any,             // success or failure are both correct
    MustFail,        // any error
    ExactError,      // exactly `error`
    Skip,            // not made at all
};

enum class After {
    Nothing,
    DrainReplies,    // take whatever a server sends back (bounded by an alarm)
    RevokeGrant,     // a grant was created: revoke it at once
    MappedArena,     // a mapping in the arena succeeded: account for it
    UnmappedArena,   // the newest arena mapping was unmapped: forget it
};

struct CallPlan {
    uint64_t number = 0;
    uint64_t args[6] = {};
    Rule rule = Rule::Any;
    neurath::Error error = neurath::Error::None;
    After after = After::Nothing;
    bool bounded_by_alarm = false;  // arm an alarm before the call, cancel it after
    const char* name = "unknown";
};

CallPlan plan_call(uint64_t number, Arguments& arguments, const Memory& memory);

}  // namespace kcallfuzz
