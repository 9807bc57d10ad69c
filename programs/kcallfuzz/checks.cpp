// checks.cpp — the checks of checks.h.
//
// Entry points: Tally::violation, check_abi, check_rule.
#include "checks.h"

#include <neurath/error.h>
#include <neurath/syscall.h>
#include <stdarg.h>
#include <sys/stdio.h>

namespace kcallfuzz {
namespace {

constexpr uint64_t kInterruptFlag = 1ull << 9;
constexpr uint64_t kReservedFlag = 1ull << 1;

struct Preserved {
    Register reg;
    const char* name;
};
constexpr Preserved kPreserved[] = {{Rbx, "rbx"}, {Rdx, "rdx"}, {Rsi, "rsi"}, {Rdi, "rdi"},
                                    {Rbp, "rbp"}, {R8, "r8"},   {R9, "r9"},   {R10, "r10"},
                                    {R12, "r12"}, {R13, "r13"}, {R14, "r14"}, {R15, "r15"}};

}  // namespace

void Tally::violation(const CallPlan& plan, const char* format, ...) {
    ++violations;
    if (violations > kMaxPrinted) return;
    printf("kcallfuzz: VIOLATION call %lu (%s; args %lx %lx %lx %lx %lx): ", plan.number, plan.name, plan.args[0],
           plan.args[1], plan.args[2], plan.args[3], plan.args[4]);
    va_list arguments;
    va_start(arguments, format);
    vprintf(format, arguments);
    va_end(arguments);
    printf("\n");
}

void check_abi(const ProbeState& state, const CallPlan& plan, Tally& tally) {
    for (const Preserved& p : kPreserved) {
        if (state.out[p.reg] != state.in[p.reg]) {
            tally.violation(plan, "%s changed from %lx to %lx", p.name, state.in[p.reg], state.out[p.reg]);
        }
    }
    if (state.rsp_after != state.rsp_before) {
        tally.violation(plan, "rsp changed from %lx to %lx", state.rsp_before, state.rsp_after);
    }
    for (unsigned i = 0; i < 16; ++i) {
        if (state.xmm_out[i] != state.xmm_in[i]) {
            tally.violation(plan, "xmm%u changed from %lx to %lx", i, state.xmm_in[i], state.xmm_out[i]);
        }
    }
    uint64_t expected = (state.rflags_entered & neurath::kFlagsKeptAcrossCalls) | kInterruptFlag | kReservedFlag;
    if (state.rflags_out != expected) {
        tally.violation(plan, "rflags %lx at the call came back as %lx, expected %lx", state.rflags_entered,
                        state.rflags_out, expected);
    }
}

void check_rule(const CallPlan& plan, int64_t result, neurath::Endpoint self, Tally& tally) {
    const bool failed = neurath::is_error_return(result);
    if (failed) {
        ++tally.refused;
    } else {
        ++tally.accepted;
    }
    const char* got = failed ? neurath::error_name(neurath::error_from_return(result)) : "success";
    switch (plan.rule) {
        case Rule::MustFail:
            if (!failed) tally.violation(plan, "accepted (returned %ld); it must be refused", result);
            break;
        case Rule::ExactError:
            if (result != neurath::error_return(plan.error)) {
                tally.violation(plan, "returned %s, expected %s", got, neurath::error_name(plan.error));
            }
            break;
        case Rule::Any:
        case Rule::Skip:
            break;
    }
    if (plan.number == static_cast<uint64_t>(neurath::Sys::SelfInfo) && result != self) {
        tally.violation(plan, "self_info returned %ld, the fuzzer is endpoint %d", result, self);
    }
}

}  // namespace kcallfuzz
