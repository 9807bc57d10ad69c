// check_swap.cpp — ProcSwapEndpoints as the live-update commit: the role
// (supervisor, privileges, I/O ports, alarm) moves with the name, the swap is
// refused while either side is inside a send, and only rs may swap kRs.
//
// Entry point: check_swap.
// "probe" children make the role observable (roles_update.cpp); children
// run at rs's priority, so rs's Yield lets each run until it blocks.
#include "harness.h"
#include "roles.h"

namespace selftest {
namespace {

constexpr uint64_t kProbeCalls = (uint64_t{1} << static_cast<uint64_t>(Sys::ProcList)) |
                                 (uint64_t{1} << static_cast<uint64_t>(Sys::IoPortEnable));
constexpr uint64_t kSwapCall = uint64_t{1} << static_cast<uint64_t>(Sys::ProcSwapEndpoints);
constexpr uint64_t kHeirCalls = kSwapCall | (uint64_t{1} << static_cast<uint64_t>(Sys::IoPortEnable));
constexpr Endpoint kOldName = 42;
constexpr Endpoint kNewName = 43;
constexpr uint64_t kWatchdogNs = 3'000'000'000;

int64_t probe(Endpoint endpoint, int32_t type) {
    Message m{};
    m.type = type;
    int64_t sent = send_receive(endpoint, m);
    return sent != 0 ? sent : payload_of<int64_t>(m);
}

Endpoint supervisor_of(Endpoint endpoint) {
    const ProcessInfo* info = process_info(endpoint);
    return info != nullptr ? info->supervisor : kNone;
}

int64_t state_value(int64_t endpoint) { return static_cast<int64_t>(state_of(endpoint)); }

// Waits (bounded by rs's own alarm) for a probe's alarm notification;
// returns "source * 100 + tags" of the first notification from a child.
int64_t wait_probe_alarm() {
    call(Sys::SetAlarm, kWatchdogNs);
    Message m{};
    int64_t got = -1;
    if (receive(kAny, m) == 0 && m.type == kmsg::kNotify && m.source != kKernel) {
        got = int64_t{m.source} * 100 + static_cast<int64_t>(payload_of<NotifyPayload>(m).pending_bits);
    }
    call(Sys::SetAlarm, 0);
    return got;
}

void check_role_moves() {
    int64_t watcher = spawn_child("supervise", nullptr, same_priority());
    ChildOptions old_options = same_priority();
    old_options.endpoint = kOldName;
    old_options.kernel_calls = kProbeCalls;
    expect("spawn the old version (ports, alarm, privileges)", spawn_child("probe", "old", old_options), kOldName);
    ChildOptions new_options = same_priority();
    new_options.endpoint = kNewName;
    SpawnRequest request = make_request("probe", "new", new_options);
    request.supervisor = static_cast<Endpoint>(watcher);
    expect("spawn the new version (no privileges, other supervisor)", spawn_request(request), kNewName);
    call(Sys::Yield);
    expect("old version receiving", state_value(kOldName), static_cast<int64_t>(ProcState::Receiving));
    expect("new version receiving", state_value(kNewName), static_cast<int64_t>(ProcState::Receiving));
    expect("old version may list processes", probe(kOldName, kProbePrivilege), 1);
    expect("new version may not yet", probe(kNewName, kProbePrivilege), failure(Error::PermissionDenied));

    expect("commit: swap old and new", call(Sys::ProcSwapEndpoints, kOldName, kNewName), 0);
    expect("supervisor moves with the name", supervisor_of(kOldName), kRs);
    expect("the old version got the new one's supervisor", supervisor_of(kNewName), watcher);
    expect("privileges move: the name's new holder may list processes", probe(kOldName, kProbePrivilege), 1);
    expect("the old version lost them", probe(kNewName, kProbePrivilege), failure(Error::PermissionDenied));
    expect("I/O ports move: the name's new holder reads COM1", probe(kOldName, kProbePort), 0);
    expect("the old version lost them (it faults)", probe(kNewName, kProbePort), failure(Error::DeadEndpoint));
    Message report = next_kernel_message();
    expect("its fault went to the supervisor it took over", payload_of<ExitReport>(report).endpoint, watcher);
    expect("as a general protection fault", payload_of<ExitReport>(report).status, kFaultExitBase + 13);
    expect("the alarm moves: it fires at the name's new holder", wait_probe_alarm(),
           int64_t{kOldName} * 100 + (int64_t{1} << kNewVersionTag));
    call(Sys::ProcKill, kOldName, 0);
    report = next_kernel_message();
    expect("the new version retired", payload_of<ExitReport>(report).endpoint, kOldName);
}

void check_refusals() {
    char text[12];
    int64_t idle = spawn_child("echo", "0", same_priority());
    int64_t sender = spawn_child("sendto", number_text(kRs, text), same_priority());
    int64_t asker = spawn_child("ask", number_text(kRs, text), same_priority());
    int64_t reader = spawn_child("reader", nullptr, same_priority());
    call(Sys::Yield);
    expect("sender blocked sending", state_value(sender), static_cast<int64_t>(ProcState::Sending));
    expect("swap refused while one side sends", call(Sys::ProcSwapEndpoints, static_cast<uint64_t>(sender),
                                                      static_cast<uint64_t>(idle)), failure(Error::Busy));
    expect("swap refused while one side sends a request",
           call(Sys::ProcSwapEndpoints, static_cast<uint64_t>(idle), static_cast<uint64_t>(asker)),
           failure(Error::Busy));
    Message m{};
    expect("take the request", receive(static_cast<Endpoint>(asker), m), 0);
    expect("swap refused while one side waits for its reply",
           call(Sys::ProcSwapEndpoints, static_cast<uint64_t>(asker), static_cast<uint64_t>(idle)),
           failure(Error::Busy));
    expect("reply", send(static_cast<Endpoint>(asker), m), 0);
    expect("take the plain send", receive(static_cast<Endpoint>(sender), m), 0);
    Message first = next_kernel_message();
    Message second = next_kernel_message();
    expect_true("both finished their calls",
                payload_of<ExitReport>(first).status == 0 && payload_of<ExitReport>(second).status == 0);
    expect("swap allowed while one side receives from one source",
           call(Sys::ProcSwapEndpoints, static_cast<uint64_t>(reader), static_cast<uint64_t>(idle)), 0);
    expect("and back", call(Sys::ProcSwapEndpoints, static_cast<uint64_t>(reader), static_cast<uint64_t>(idle)), 0);

    ChildOptions swapper = same_priority();
    swapper.kernel_calls = kSwapCall;
    spawn_child("swaprs", number_text(idle, text), swapper);
    Message report = next_kernel_message();
    expect("swap of kRs by another process refused", payload_of<ExitReport>(report).status,
           failure(Error::PermissionDenied));
    spawn_child("swaprs", "0", swapper);
    report = next_kernel_message();
    expect("taking kRs for itself refused", payload_of<ExitReport>(report).status, failure(Error::PermissionDenied));

    Message quit{};
    quit.type = kQuitEcho;
    send(static_cast<Endpoint>(reader), quit);
    send(static_cast<Endpoint>(idle), quit);
    next_kernel_message();  // reader
    next_kernel_message();  // idle
}

uint8_t port_in(uint16_t port) {
    uint8_t value;
    asm volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

// rs updating itself: the process at kRs may swap kRs. The heir holds COM1's
// ports, so after the swap rs, still running, holds them: reading one would
// fault (and panic the kernel: rs died) if the swap left the old I/O bitmap
// in the TSS.
void check_rs_self_swap() {
    ChildOptions options = same_priority();
    options.kernel_calls = kHeirCalls;
    int64_t heir = spawn_child("heir", nullptr, options);
    call(Sys::Yield);
    expect("heir receiving", state_value(heir), static_cast<int64_t>(ProcState::Receiving));
    expect("rs swaps itself with the heir", call(Sys::ProcSwapEndpoints, kRs, static_cast<uint64_t>(heir)), 0);
    expect("rs now runs at the heir's endpoint", call(Sys::SelfInfo), heir);
    (void)port_in(0x3FD);
    expect_true("rs uses the heir's ports at once (I/O bitmap reloaded)", true);
    Message m{};
    expect("tell the process at kRs", send(kRs, m), 0);
    Message report = next_kernel_message();
    expect("the process at kRs swapped back", payload_of<ExitReport>(report).status, 0);
    expect("its report came to rs", payload_of<ExitReport>(report).endpoint, heir);
    expect("rs is at kRs again", call(Sys::SelfInfo), kRs);
}

}  // namespace

void check_swap() {
    check_role_moves();
    check_refusals();
    check_rs_self_swap();
}

}  // namespace selftest
