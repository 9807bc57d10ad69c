// timers.h — lwIP's timers (TCP, ARP, DHCP, IP reassembly) and the
// deadlines of waiting requests, both through the one kernel alarm
// (SetAlarm, notification tag kAlarmTag).
//
// Entry points: run_timers (on the alarm), schedule_alarm (after every
// event: the alarm is set for whichever comes first).
#pragma once

#include "inet_state.h"

namespace inet {

void run_timers(InetState& state);
void schedule_alarm(InetState& state);

}  // namespace inet
