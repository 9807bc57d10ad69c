// set_alarm.cpp — Sys::SetAlarm(uint64_t delay_ns): one-shot alarm; after
// delay_ns the caller gets notification tag kAlarmTag from kKernel. 0 cancels.
//
// Entry point: sys_set_alarm.
#include "proc/alarms.h"
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_set_alarm(Process& caller, const SyscallArgs& args) {
    alarm_set(caller, args.arg[0]);
    return done(0);
}

}  // namespace kernel
