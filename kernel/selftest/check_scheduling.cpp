// check_scheduling.cpp — alarms, timer preemption, round robin within a
// priority, strict priority between levels, and FPU/SSE state per process.
//
// Entry point: check_scheduling.
// Spinners never block: they notify rs with their tag after each round of
// busy work. Two spinners at priority 5 both reporting proves the timer
// preempts; a spinner at priority 6 reporting only after those two are
// killed proves strict priority. A spinner whose xmm5 changed exits -100.
#include "harness.h"

namespace selftest {
namespace {

constexpr int64_t kWindowNs = 150'000'000;

// Collects notification bits from spinners for kWindowNs of uptime.
uint64_t collect_bits() {
    uint64_t bits = 0;
    int64_t start = call(Sys::Uptime);
    Message m{};
    while (call(Sys::Uptime) - start < kWindowNs) {
        if (receive(kAny, m) != 0) break;
        if (m.type == kmsg::kNotify) bits |= payload_of<NotifyPayload>(m).pending_bits;
        if (m.type == kmsg::kProcessExited) expect("spinner exited early", payload_of<ExitReport>(m).status, 0);
    }
    return bits;
}

ChildOptions at_priority(int32_t priority) {
    ChildOptions options;
    options.priority = priority;
    return options;
}

void drain_kill(int64_t endpoint) {
    call(Sys::ProcKill, static_cast<uint64_t>(endpoint), 0);
    Message m{};
    for (;;) {
        if (receive(kKernel, m) != 0) return;
        if (m.type == kmsg::kProcessExited && payload_of<ExitReport>(m).endpoint == endpoint) return;
    }
}

// Waits for the alarm notification; returns the uptime it arrived at.
int64_t wait_alarm() {
    Message m{};
    for (;;) {
        if (receive(kKernel, m) != 0) return -1;
        if (m.type == kmsg::kNotify && (payload_of<NotifyPayload>(m).pending_bits >> kAlarmTag) & 1) {
            return call(Sys::Uptime);
        }
    }
}

void check_alarms() {
    int64_t start = call(Sys::Uptime);
    expect("set a 20 ms alarm", call(Sys::SetAlarm, 20'000'000), 0);
    int64_t fired = wait_alarm();
    expect_true("alarm fires after its delay", fired - start >= 20'000'000);
    expect_true("alarm fires within a few ticks", fired - start < 200'000'000);
    start = call(Sys::Uptime);
    call(Sys::SetAlarm, 10'000'000);
    expect("cancel the alarm", call(Sys::SetAlarm, 0), 0);
    call(Sys::SetAlarm, 40'000'000);
    fired = wait_alarm();
    expect_true("a cancelled alarm does not fire", fired - start >= 40'000'000);
}

uint64_t read_tsc() {
    uint32_t low, high;
    asm volatile("rdtsc" : "=a"(low), "=d"(high));
    return (static_cast<uint64_t>(high) << 32) | low;
}

// While this process waits for its alarm and nothing else runs, the CPU is
// halted: the idle counter grows, by less than the whole wait took.
void check_idle_cycles() {
    const int64_t idle_before = call(Sys::IdleCycles);
    const uint64_t tsc_before = read_tsc();
    call(Sys::SetAlarm, 20'000'000);
    (void)wait_alarm();
    const int64_t idle = call(Sys::IdleCycles) - idle_before;
    const uint64_t elapsed = read_tsc() - tsc_before;
    expect_true("the CPU idles while nothing runs", idle > 0);
    expect_true("idle cycles are part of the elapsed ones", static_cast<uint64_t>(idle) < elapsed);
}

}  // namespace

void check_scheduling() {
    check_alarms();
    check_idle_cycles();
    int64_t low = spawn_child("spin", "6", at_priority(6));
    int64_t first = spawn_child("spin", "5", at_priority(5));
    int64_t second = spawn_child("spin", "7", at_priority(5));
    uint64_t bits = collect_bits();
    expect_true("first spinner at priority 5 ran", (bits & (1u << 5)) != 0);
    expect_true("second spinner at priority 5 ran (timer preemption)", (bits & (1u << 7)) != 0);
    expect_true("spinner at priority 6 starved while 5 is busy", (bits & (1u << 6)) == 0);
    drain_kill(first);
    drain_kill(second);
    bits = collect_bits();
    expect_true("spinner at priority 6 runs once 5 is idle", (bits & (1u << 6)) != 0);
    drain_kill(low);
}

}  // namespace selftest
