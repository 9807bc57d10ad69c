// checks.h — what the fuzzer verifies after every kernel call, and the tally
// of calls and violations it prints at the end.
//
// Entry points: Tally (counts, violation(fmt...) prints the first
// kMaxPrinted violations in full), check_abi(state, call, tally) (preserved
// registers, rsp, SSE registers, RFLAGS), check_rule(plan, result, self,
// tally) (refusals the call's plan demands).
#pragma once

#include <neurath/endpoint.h>
#include <stdint.h>

#include "call_plans.h"
#include "probe.h"

namespace kcallfuzz {

struct Tally {
    uint64_t calls = 0;
    uint64_t refused = 0;
    uint64_t accepted = 0;
    uint64_t skipped = 0;
    uint64_t violations = 0;
    void violation(const CallPlan& plan, const char* format, ...) __attribute__((format(printf, 3, 4)));
};

inline constexpr uint64_t kMaxPrinted = 16;

void check_abi(const ProbeState& state, const CallPlan& plan, Tally& tally);
void check_rule(const CallPlan& plan, int64_t result, neurath::Endpoint self, Tally& tally);

}  // namespace kcallfuzz
