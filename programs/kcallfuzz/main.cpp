// main.cpp — /bin/kcallfuzz: a seeded fuzzer of the kernel-call interface,
// run as an unprivileged user program.
//
// Entry point: main. kcallfuzz [rounds] [seed] (defaults 20 and 1). Each
// round makes every call number from 0 to 63 (the calls, the gaps between
// them, and numbers past the last call), then four random numbers (any 64
// bits, or a real call number with high bits set, which must not be
// truncated into a real call). Arguments come from the classes of
// arguments.h, rules from call_plans.h; before each call random RFLAGS bits
// are set (NT, AC, DF, ID, IOPL, arithmetic flags; never TF, whose trap would
// end the fuzzer) and every register is loaded with a random value. After
// each call checks.h verifies the preserved registers, rsp, the SSE
// registers, RFLAGS and the call's rule. The run is deterministic from its
// seed (the kernel's answers aside). One summary line:
//   kcallfuzz: seed S, R rounds: N calls, F refused, A accepted, K skipped, V violations
// Exit status 0 without violations, 1 with, 2 on bad arguments.
#include <neurath/endpoint.h>
#include <neurath/syscall.h>
#include <sys/kcall.h>
#include <sys/stdio.h>

#include "arguments.h"
#include "call_plans.h"
#include "checks.h"
#include "numbers.h"
#include "probe.h"

namespace {

using namespace kcallfuzz;

constexpr uint64_t kDefaultRounds = 20;
constexpr uint64_t kDefaultSeed = 1;
constexpr uint64_t kSweptNumbers = 64;
constexpr uint64_t kRandomNumbersPerRound = 4;
constexpr uint64_t kBoundNs = 8'000'000;  // two timer ticks: how long a receive may wait

// Flags a user process can set with popfq (the CPU silently keeps IOPL and
// IF at CPL 3, so asking for them is harmless and must change nothing).
constexpr uint64_t kFlagCandidates[] = {1ull << 0,  1ull << 2,  1ull << 4,  1ull << 6,  1ull << 7, 1ull << 10,
                                        1ull << 11, 1ull << 14, 1ull << 18, 1ull << 21, 3ull << 12};

uint64_t random_flags(Arguments& a) {
    uint64_t flags = 0x202;
    for (uint64_t flag : kFlagCandidates) {
        if (a.chance(2)) flags |= flag;
    }
    if (a.chance(8)) flags &= ~(1ull << 9);  // asking to clear IF, which CPL 3 cannot
    return flags;
}

uint64_t random_number(Arguments& a) {
    if (a.chance(2)) return a.word();
    return (a.below(0xFFFF) + 1) << 32 | a.below(static_cast<uint64_t>(neurath::Sys::Count));
}

void load_probe(ProbeState& state, const CallPlan& plan, Arguments& a) {
    for (uint64_t& value : state.in) value = a.word();
    for (uint64_t& value : state.xmm_in) value = a.word();
    state.in[Rax] = plan.number;
    const Register argument_registers[] = {Rdi, Rsi, Rdx, R10, R8, R9};
    for (unsigned i = 0; i < 6; ++i) state.in[argument_registers[i]] = plan.args[i];
    state.rflags_in = random_flags(a);
}

void prepare_good_message(Memory& memory, Arguments& a) {
    auto* words = reinterpret_cast<uint64_t*>(&memory.good);
    for (size_t i = 0; i < sizeof memory.good / 8; ++i) words[i] = a.word();
    memory.good.type = kUnknownMessageType + static_cast<int32_t>(a.below(0x1000));
}

// Takes whatever a server sent back (its BadMessage answer), until the alarm.
void drain_replies() {
    (void)sys::set_alarm(kBoundNs);
    neurath::Message message{};
    while (sys::receive(neurath::kAny, message).ok()) {
        if (message.source == neurath::kKernel && message.type == neurath::kmsg::kNotify) break;
    }
    (void)sys::set_alarm(0);
}

bool targets_a_server(const CallPlan& plan) {
    auto target = static_cast<int64_t>(plan.args[0]);
    return target > neurath::kKernel && target < 16;
}

void follow_up(const CallPlan& plan, int64_t result, Memory& memory, Tally& tally) {
    if (neurath::is_error_return(result)) return;
    switch (plan.after) {
        case After::DrainReplies:
            if (targets_a_server(plan)) drain_replies();
            break;
        case After::RevokeGrant:
            if (sys::grant_revoke(static_cast<uint64_t>(result)).is_error()) {
                tally.violation(plan, "grant %ld was created but cannot be revoked", result);
            }
            break;
        case After::MappedArena:
            memory.whole_address = memory.map_next;
            memory.whole_length = plan.args[1];
            memory.map_used += plan.args[1];
            memory.map_next += plan.args[1] + 4096;  // an unmapped page between mappings
            break;
        case After::UnmappedArena:
            memory.whole_length = 0;  // gone: never unmapped again
            break;
        case After::Nothing:
            break;
    }
}

void run_one(uint64_t number, Arguments& a, Memory& memory, neurath::Endpoint self, Tally& tally) {
    const CallPlan plan = plan_call(number, a, memory);
    if (plan.rule == Rule::Skip) {
        ++tally.skipped;
        return;
    }
    ProbeState state{};
    load_probe(state, plan, a);
    prepare_good_message(memory, a);
    if (plan.bounded_by_alarm) (void)sys::set_alarm(kBoundNs);
    probe_call(&state);
    if (plan.bounded_by_alarm) (void)sys::set_alarm(0);
    ++tally.calls;
    const auto result = static_cast<int64_t>(state.out[Rax]);
    check_abi(state, plan, tally);
    check_rule(plan, result, self, tally);
    follow_up(plan, result, memory, tally);
}

sys::Result<void> set_up_memory(Memory& memory) {
    memory.straddle_page = kArenaBase;
    TRY(sys::map_anonymous(memory.straddle_page, 4096));
    memory.map_next = kArenaBase + 16 * 4096;  // the page after the straddle page stays unmapped
    return {};
}

uint64_t argument_or(int argc, char** argv, int index, uint64_t fallback, bool& bad) {
    if (argc <= index) return fallback;
    sys::Result<uint64_t> value = shell::parse_unsigned(argv[index]);
    if (value.is_error()) bad = true;
    return value.is_error() ? fallback : value.value();
}

}  // namespace

int main(int argc, char** argv) {
    bool bad = false;
    const uint64_t rounds = argument_or(argc, argv, 1, kDefaultRounds, bad);
    const uint64_t seed = argument_or(argc, argv, 2, kDefaultSeed, bad);
    if (bad || argc > 3) {
        printf("usage: kcallfuzz [rounds] [seed]\n");
        return 2;
    }
    Memory memory;
    if (sys::Result<void> mapped = set_up_memory(memory); mapped.is_error()) {
        printf("kcallfuzz: cannot map its probe page: %s\n", neurath::error_name(mapped.error()));
        return 1;
    }
    const neurath::Endpoint self = sys::self_endpoint();
    Arguments arguments(seed, memory, self);
    Tally tally;
    for (uint64_t round = 0; round < rounds; ++round) {
        for (uint64_t number = 0; number < kSweptNumbers; ++number) run_one(number, arguments, memory, self, tally);
        for (uint64_t i = 0; i < kRandomNumbersPerRound; ++i) {
            run_one(random_number(arguments), arguments, memory, self, tally);
        }
    }
    printf("kcallfuzz: seed %lu, %lu rounds: %lu calls, %lu refused, %lu accepted, %lu skipped, %lu violations\n",
           seed, rounds, tally.calls, tally.refused, tally.accepted, tally.skipped, tally.violations);
    return tally.violations == 0 ? 0 : 1;
}
