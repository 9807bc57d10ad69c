// timers.cpp — lwIP's timeouts and the waiting requests' deadlines through
// the kernel's one-shot alarm (see timers.h).
//
// Entry points: run_timers, schedule_alarm.
#include "timers.h"

#include <sys/kcall.h>

#include "lwip/timeouts.h"

namespace inet {
namespace {

constexpr uint64_t kNanosPerMilli = 1'000'000;
constexpr uint64_t kLongestSleepNs = 1'000 * kNanosPerMilli;  // a bound even with no timeout due

}  // namespace

void run_timers(InetState&) { sys_check_timeouts(); }

void schedule_alarm(InetState& state) {
    const uint64_t now = sys::uptime_ns();
    uint64_t delay = kLongestSleepNs;
    const u32_t lwip_ms = sys_timeouts_sleeptime();
    if (lwip_ms != SYS_TIMEOUTS_SLEEPTIME_INFINITE && uint64_t{lwip_ms} * kNanosPerMilli < delay)
        delay = uint64_t{lwip_ms} * kNanosPerMilli;
    for (const Waiter& waiter : state.waiters) {
        if (!waiter.used || waiter.deadline_ns == 0) continue;
        const uint64_t until = waiter.deadline_ns > now ? waiter.deadline_ns - now : 0;
        if (until < delay) delay = until;
    }
    (void)sys::set_alarm(delay == 0 ? 1 : delay);
}

}  // namespace inet
