// scheduler.h — preemptive priority round-robin scheduling and the switch
// of the trap frame to the chosen process.
//
// Entry points: scheduler_make_ready(p), scheduler_block(p),
// scheduler_forget(p), scheduler_tick(), scheduler_yield(),
// scheduler_reload_io_bitmap(p), scheduler_idle_cycles(),
// scheduler_switch() (pick the next process, idling with hlt while none
// is runnable, load its address space, FPU state and I/O bitmap into the
// CPU and return it: the entry path resumes its saved frame), fpu_init(),
// kTimeSliceTicks.
#pragma once

#include "arch/trap_frame.h"
#include "proc/process.h"

namespace kernel {

inline constexpr uint32_t kTimeSliceTicks = 5;  // 20 ms at 250 Hz

void fpu_init();
void fpu_init_state(Process& process);

void scheduler_make_ready(Process& process);
void scheduler_block(Process& process);
void scheduler_forget(Process& process);
void scheduler_tick();
void scheduler_yield();
Process& scheduler_switch();
// TSC cycles spent halted with nothing to run since boot (IRQs taken
// meanwhile included).
uint64_t scheduler_idle_cycles();
// Call after changing the I/O ports a process has enabled.
void scheduler_reload_io_bitmap(Process& process);

}  // namespace kernel
