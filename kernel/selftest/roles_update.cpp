// roles_update.cpp — the self-test's child roles for live-update checks:
// the state-read capability and what ProcSwapEndpoints moves.
//
// Entry point: run_update_role(role, argument) (never returns for its own
// roles; returns for any other). Roles:
//   probe old|new   a server whose role can be observed: answers
//                   kProbePrivilege (ProcList's result) and kProbePort (reads
//                   COM1's line status: #GP without the port); "old" enables
//                   COM1's ports and arms an alarm first. When an alarm fires
//                   it notifies rs with its own tag (kOldVersionTag /
//                   kNewVersionTag) and goes on serving; 999: exit 7
//   reader          answers rs's kReadMemory / kWriteMemory with the result
//                   of ProcMemoryRead / ProcMemoryWrite (MemoryProbe); 999: exit 7
//   supervise       receive one kernel message; exit with kFaultExitBase +
//                   vector for a fault report, else with the message type
//   ask <ep>        SendReceive to <ep>; exit with the result
//   swaprs <ep>     ProcSwapEndpoints(kRs, <ep>, or itself for 0); exit with the result
//   heir            enable COM1's ports, receive one message; if now at kRs
//                   (rs swapped itself here), swap kRs back with the sender;
//                   exit with the result
//   spawnreader <ep> spawn a child with state source <ep>; exit with the result
#include "harness.h"
#include "roles.h"

namespace selftest {
namespace {

uint8_t port_in(uint16_t port) {
    uint8_t value;
    asm volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

bool is_alarm(const Message& m) {
    return m.type == kmsg::kNotify && m.source == kKernel &&
           ((payload_of<NotifyPayload>(m).pending_bits >> kAlarmTag) & 1) != 0;
}

[[noreturn]] void probe(bool old_version) {
    uint32_t tag = old_version ? kOldVersionTag : kNewVersionTag;
    if (old_version) {
        if (call(Sys::IoPortEnable, 0x3F8, 8) != 0) exit(1);
        call(Sys::SetAlarm, kProbeAlarmNs);
    }
    static ProcessInfo one[1];
    Message m{};
    for (;;) {
        if (receive(kAny, m) != 0) continue;
        if (is_alarm(m)) {
            call(Sys::Notify, kRs, tag);
            continue;
        }
        if (m.type == kQuitEcho) exit(7);
        if (m.type == kProbePrivilege) {
            payload_of<int64_t>(m) = call(Sys::ProcList, reinterpret_cast<uint64_t>(one), 1);
        } else if (m.type == kProbePort) {
            (void)port_in(0x3FD);
            payload_of<int64_t>(m) = 0;
        } else {
            continue;
        }
        send(m.source, m);
    }
}

[[noreturn]] void reader() {
    static uint8_t bytes[kMaxProbeBytes];
    Message m{};
    for (;;) {
        if (receive(kRs, m) != 0) continue;
        if (m.type == kQuitEcho) exit(7);
        MemoryProbe request = payload_of<MemoryProbe>(m);
        uint32_t length = request.length < kMaxProbeBytes ? request.length : kMaxProbeBytes;
        Sys number = m.type == kWriteMemory ? Sys::ProcMemoryWrite : Sys::ProcMemoryRead;
        memset(bytes, 0, sizeof bytes);
        MemoryProbeResult result{};
        result.result = call(number, static_cast<uint64_t>(request.target), request.address,
                             reinterpret_cast<uint64_t>(bytes), length);
        memcpy(result.bytes, bytes, sizeof bytes);
        payload_of<MemoryProbeResult>(m) = result;
        send(kRs, m);
    }
}

[[noreturn]] void supervise() {
    Message m{};
    int64_t result = receive(kKernel, m);
    if (result != 0) exit(static_cast<int32_t>(result));
    if (m.type == kmsg::kProcessFaulted) exit(kFaultExitBase + static_cast<int32_t>(payload_of<FaultReport>(m).vector));
    exit(m.type);
}

[[noreturn]] void ask(Endpoint target) {
    Message m{};
    m.type = 5;
    exit(static_cast<int32_t>(send_receive(target, m)));
}

[[noreturn]] void swap_rs(Endpoint other) {
    if (other == 0) other = static_cast<Endpoint>(call(Sys::SelfInfo));
    exit(static_cast<int32_t>(call(Sys::ProcSwapEndpoints, kRs, static_cast<uint64_t>(other))));
}

// Exiting while at kRs would end "rs": only swap back when really there.
[[noreturn]] void heir() {
    if (call(Sys::IoPortEnable, 0x3F8, 8) != 0) exit(-999);
    Message m{};
    if (receive(kAny, m) != 0) exit(-1000);
    if (call(Sys::SelfInfo) != kRs) exit(-1001);
    exit(static_cast<int32_t>(call(Sys::ProcSwapEndpoints, kRs, static_cast<uint64_t>(m.source))));
}

[[noreturn]] void spawn_reader(Endpoint source) {
    load_own_image();
    ChildOptions options;
    options.state_source = source;
    exit(static_cast<int32_t>(spawn_child("exit", "0", options)));
}

}  // namespace

void run_update_role(const char* role, const char* argument) {
    if (text_equal(role, "probe")) probe(text_equal(argument, "old"));
    if (text_equal(role, "reader")) reader();
    if (text_equal(role, "supervise")) supervise();
    if (text_equal(role, "ask")) ask(static_cast<Endpoint>(parse_number(argument)));
    if (text_equal(role, "swaprs")) swap_rs(static_cast<Endpoint>(parse_number(argument)));
    if (text_equal(role, "heir")) heir();
    if (text_equal(role, "spawnreader")) spawn_reader(static_cast<Endpoint>(parse_number(argument)));
}

}  // namespace selftest
