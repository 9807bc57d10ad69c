// alarms.h — one-shot per-process alarms (Sys::SetAlarm), checked on every
// scheduler tick; a due alarm raises notification tag kAlarmTag from
// kKernel at its process.
//
// Entry points: alarm_set(process, delay_ns), alarms_fire_due(now_ns).
// Resolution is one tick (4 ms at 250 Hz). A process's alarm dies with it
// (the slot reset clears it).
#pragma once

#include <stdint.h>

#include "proc/process.h"

namespace kernel {

void alarm_set(Process& process, uint64_t delay_ns);
void alarms_fire_due(uint64_t now_ns);

}  // namespace kernel
