// alarms.cpp — per-process alarms (see alarms.h).
//
// Entry points: alarm_set, alarms_fire_due. `earliest` is a lower bound of
// all pending deadlines, so most ticks cost one comparison.
#include "proc/alarms.h"

#include <neurath/syscall.h>

#include "arch/timer.h"
#include "ipc/ipc.h"

namespace kernel {
namespace {

constexpr uint64_t kNoAlarm = ~uint64_t{0};
uint64_t earliest = kNoAlarm;

}  // namespace

void alarm_set(Process& process, uint64_t delay_ns) {
    if (delay_ns == 0) {
        process.alarm_deadline_ns = 0;
        return;
    }
    uint64_t now = uptime_ns();
    uint64_t deadline = delay_ns > kNoAlarm - now ? kNoAlarm - 1 : now + delay_ns;
    process.alarm_deadline_ns = deadline;
    if (deadline < earliest) earliest = deadline;
}

void alarms_fire_due(uint64_t now_ns) {
    if (now_ns < earliest) return;
    earliest = kNoAlarm;
    for (int32_t slot = 0; slot < kMaxProcesses; ++slot) {
        Process* process = process_table_slot(slot);
        if (process == nullptr || process->run_state == RunState::Free || process->alarm_deadline_ns == 0) continue;
        if (process->alarm_deadline_ns <= now_ns) {
            process->alarm_deadline_ns = 0;
            ipc_alarm(*process);
        } else if (process->alarm_deadline_ns < earliest) {
            earliest = process->alarm_deadline_ns;
        }
    }
}

}  // namespace kernel
