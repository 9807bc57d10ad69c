// call_plans.cpp — one planning function per kernel call (see call_plans.h).
//
// Entry point: plan_call. The argument order of each call is the ABI's
// (neurath/syscall.h): rdi, rsi, rdx, r10, r8, r9.
#include "call_plans.h"

#include <neurath/message.h>
#include <neurath/syscall.h>

namespace kcallfuzz {
namespace {

using neurath::Error;
using neurath::Sys;

constexpr uint64_t kPage = 4096;

enum class Validity { Valid, Invalid, Unknown };

// Whether [address, address+length) is memory the fuzzer may use for
// `write` (or reading), given the class the address was drawn from.
Validity range_validity(BufferClass which, uint64_t address, uint64_t length, bool write) {
    switch (which) {
        case BufferClass::Good:
            return length <= sizeof(neurath::Message) ? Validity::Valid : Validity::Unknown;
        case BufferClass::ReadOnly:
            return write && length > 0 ? Validity::Invalid : Validity::Unknown;
        case BufferClass::Straddling: {
            uint64_t room = kPage - (address % kPage);
            return length <= room ? Validity::Valid : Validity::Invalid;
        }
        default:
            return length == 0 ? Validity::Unknown : Validity::Invalid;
    }
}

Rule rule_for(Validity validity) { return validity == Validity::Invalid ? Rule::MustFail : Rule::Any; }

void fill_random(CallPlan& plan, Arguments& a) {
    for (uint64_t& arg : plan.args) arg = a.word();
}

// A message buffer for Send (read) or Receive/SendReceive (write). A good
// buffer carries a type no server knows, so a server only ever answers
// BadMessage; read-only code is never sent (its bytes could form a real
// request).
uint64_t message_buffer(Arguments& a, bool write, Rule& rule) {
    uint64_t address = a.buffer();
    if (!write && a.last_buffer() == BufferClass::ReadOnly) address = a.good_buffer();
    rule = rule_for(range_validity(a.last_buffer(), address, sizeof(neurath::Message), write));
    return address;
}

void plan_send(CallPlan& plan, Arguments& a, bool then_receive) {
    plan.args[0] = static_cast<uint64_t>(a.safe_target());
    plan.args[1] = message_buffer(a, then_receive, plan.rule);
    plan.after = then_receive ? After::Nothing : After::DrainReplies;
}

// Never blocks, so any endpoint will do; a server that takes it answers
// with a reply the fuzzer (not receiving) loses.
void plan_send_nonblocking(CallPlan& plan, Arguments& a) {
    plan.args[0] = static_cast<uint64_t>(a.endpoint());
    plan.args[1] = message_buffer(a, false, plan.rule);
}

void plan_receive(CallPlan& plan, Arguments& a) {
    plan.args[0] = static_cast<uint64_t>(a.endpoint());
    plan.args[1] = message_buffer(a, true, plan.rule);
    plan.bounded_by_alarm = true;
}

void plan_notify(CallPlan& plan, Arguments& a) {
    plan.args[0] = static_cast<uint64_t>(a.endpoint());
    plan.args[1] = a.chance(4) ? a.word() : a.below(80);  // tags >= 64 are invalid
    plan.after = After::DrainReplies;
}

uint64_t map_address(Arguments& a, const Memory& memory, bool& fresh) {
    fresh = false;
    switch (a.below(6)) {
        case 0: return a.outside_user_memory() & ~(kPage - 1);  // kernel, non-canonical, top page, low...
        case 1: return memory.map_next + 8 * (1 + a.below(500)); // unaligned
        case 2: return memory.straddle_page;                     // already mapped
        case 3: return 0x00007FFFFFFFF000;                       // the top page of the lower half
        default: fresh = memory.map_used < kMapBudget; return fresh ? memory.map_next : 0x00007FFFFFFFF000;
    }
}

void plan_map(CallPlan& plan, Arguments& a, const Memory& memory) {
    bool fresh = false;
    plan.args[0] = map_address(a, memory, fresh);
    uint64_t length = a.chance(2) ? kPage * (1 + a.below(kMapWindow / kPage)) : a.length();
    plan.args[1] = length;
    bool small_aligned = length != 0 && length % kPage == 0 && length <= kMapWindow;
    plan.rule = fresh && small_aligned ? Rule::Any : Rule::MustFail;
    plan.after = plan.rule == Rule::Any ? After::MappedArena : After::Nothing;
}

void expect_error(CallPlan& plan, Error error) {
    plan.rule = Rule::ExactError;
    plan.error = error;
}

// Only the newest arena mapping may go; every other window must be refused.
void plan_unmap(CallPlan& plan, Arguments& a, const Memory& memory) {
    plan.rule = Rule::MustFail;
    plan.args[0] = memory.map_next;  // never mapped
    plan.args[1] = kPage;
    switch (a.below(5)) {
        case 0:
            plan.args[0] = a.outside_user_memory() & ~(kPage - 1);
            plan.args[1] = a.chance(2) ? kPage * (1 + a.below(16)) : a.length();
            return;
        case 1:
            plan.args[0] = memory.map_next + 8 * (1 + a.below(500));
            return expect_error(plan, Error::InvalidArgument);
        case 2:
            plan.args[1] = a.length();
            return;
        case 3:  // the whole mapping and the unmapped page after it: partly mapped
            if (memory.whole_length != 0) {
                plan.args[0] = memory.whole_address;
                plan.args[1] = memory.whole_length + kPage;
            }
            return expect_error(plan, Error::NotFound);
        default:
            if (memory.whole_length == 0) return expect_error(plan, Error::NotFound);
            plan.args[0] = memory.whole_address;
            plan.args[1] = memory.whole_length;
            plan.rule = Rule::Any;
            plan.after = After::UnmappedArena;
            return;
    }
}

void plan_debug_write(CallPlan& plan, Arguments& a) {
    plan.args[0] = a.bad_buffer();
    uint64_t lengths[] = {0, sizeof(neurath::Message), kPage + 1, 1ull << 63, ~0ull};
    plan.args[1] = lengths[a.below(5)];
    if (a.last_buffer() == BufferClass::ReadOnly) plan.args[1] = 0;  // never print code bytes
    plan.rule = plan.args[1] == 0 ? Rule::Any : Rule::MustFail;
}

void plan_grant_create(CallPlan& plan, Arguments& a) {
    plan.args[0] = static_cast<uint64_t>(a.endpoint());
    plan.args[1] = a.buffer();
    plan.args[2] = a.length();
    plan.args[3] = a.chance(4) ? a.word() : a.below(4);
    // A window is checked against the user range at creation, against the page tables
    // only when a grantee copies (memory may be mapped in between).
    const uint64_t address = plan.args[1], length = plan.args[2];
    bool outside = address < kUserBase || address >= kUserEnd || length == 0 || length > kUserEnd - address;
    plan.rule = outside ? Rule::MustFail : Rule::Any;
    plan.after = After::RevokeGrant;
}

void plan_safe_copy(CallPlan& plan, Arguments& a) {
    plan.args[0] = static_cast<uint64_t>(a.endpoint());
    plan.args[1] = a.chance(2) ? a.below(64) : a.word();
    plan.args[2] = a.chance(2) ? 0 : a.length();
    plan.args[3] = a.buffer();
    plan.args[4] = a.length();
    plan.rule = Rule::MustFail;  // nobody ever grants the fuzzer anything
}

void plan_set_alarm(CallPlan& plan, Arguments& a) {
    uint64_t delays[] = {0, 1, 1000000, 1ull << 63, ~0ull, a.word()};
    plan.args[0] = delays[a.below(6)];
}

bool is_privileged(Sys call) {
    switch (call) {
        case Sys::ProcSpawn: case Sys::ProcKill: case Sys::ProcList: case Sys::ModuleInfo: case Sys::ModuleRead:
        case Sys::IoPortEnable: case Sys::IrqSubscribe: case Sys::Shutdown: case Sys::ProcSwapEndpoints:
        case Sys::ProcMemoryWrite: case Sys::DmaAlloc:
            return true;
        default:
            return false;
    }
}

void plan_known(CallPlan& plan, Sys call, Arguments& a, const Memory& memory) {
    switch (call) {
        case Sys::Send: plan.name = "send"; plan_send(plan, a, false); return;
        case Sys::SendReceive: plan.name = "send_receive"; plan_send(plan, a, true); return;
        case Sys::Receive: plan.name = "receive"; plan_receive(plan, a); return;
        case Sys::Notify: plan.name = "notify"; plan_notify(plan, a); return;
        case Sys::Exit: plan.name = "exit"; plan.rule = Rule::Skip; return;
        case Sys::Yield: plan.name = "yield"; return;
        case Sys::MapAnonymous: plan.name = "map_anonymous"; plan_map(plan, a, memory); return;
        case Sys::Uptime: plan.name = "uptime"; return;
        case Sys::IdleCycles: plan.name = "idle_cycles"; return;
        case Sys::DebugWrite: plan.name = "debug_write"; plan_debug_write(plan, a); return;
        case Sys::SelfInfo: plan.name = "self_info"; return;
        case Sys::GrantCreate: plan.name = "grant_create"; plan_grant_create(plan, a); return;
        case Sys::GrantRevoke: plan.name = "grant_revoke"; plan.rule = Rule::MustFail; return;
        case Sys::SafeCopyFrom: plan.name = "safe_copy_from"; plan_safe_copy(plan, a); return;
        case Sys::SafeCopyTo: plan.name = "safe_copy_to"; plan_safe_copy(plan, a); return;
        case Sys::ProcMemoryRead: plan.name = "proc_memory_read"; plan.rule = Rule::MustFail; return;
        case Sys::DmaInherit: plan.name = "dma_inherit"; plan.rule = Rule::MustFail; return;  // no state source
        case Sys::SetAlarm: plan.name = "set_alarm"; plan_set_alarm(plan, a); return;
        case Sys::SendNonBlocking: plan.name = "send_nonblocking"; plan_send_nonblocking(plan, a); return;
        case Sys::Unmap: plan.name = "unmap"; plan_unmap(plan, a, memory); return;
        default: break;
    }
    if (is_privileged(call)) {
        plan.name = "privileged";
        plan.rule = Rule::ExactError;
        plan.error = Error::PermissionDenied;
        return;
    }
    plan.name = "none";
    plan.rule = Rule::ExactError;
    plan.error = Error::NotSupported;
}

}  // namespace

CallPlan plan_call(uint64_t number, Arguments& arguments, const Memory& memory) {
    CallPlan plan;
    plan.number = number;
    fill_random(plan, arguments);
    if (number >= static_cast<uint64_t>(Sys::Count)) {
        plan.name = "none";
        plan.rule = Rule::ExactError;
        plan.error = neurath::Error::NotSupported;
        return plan;
    }
    plan_known(plan, static_cast<Sys>(number), arguments, memory);
    return plan;
}

}  // namespace kcallfuzz
