// scheduler.cpp — ready queues, time slices, idle and context switch.
//
// Entry points: see scheduler.h.
// The kernel runs with interrupts disabled; the only place they are enabled
// is the idle wait inside scheduler_switch, where an IRQ may make a process
// runnable (handled by a nested trap from kernel mode that never switches).
#include "proc/scheduler.h"

#include "arch/cpu.h"
#include "arch/descriptors.h"
#include "core/string.h"
#include "proc/ready_queues.h"

namespace kernel {
namespace {

ReadyQueues<Process, kPriorityLevels> ready;
bool slice_expired = false;
uint64_t idle_cycles = 0;  // scheduler_idle_cycles
Process* fpu_owner = nullptr;
Process* io_bitmap_owner = nullptr;  // whose I/O ports are open in the TSS
IoRange open_ranges[kMaxIoRanges];   // the ports open in the TSS now (a copy: the owner may be gone)
uint32_t open_range_count = 0;

void open_io_ports_of(const Process& next) {
    for (uint32_t i = 0; i < open_range_count; ++i) set_io_ports_allowed(open_ranges[i].first, open_ranges[i].count, false);
    open_range_count = next.io_range_count;
    for (uint32_t i = 0; i < open_range_count; ++i) {
        open_ranges[i] = next.io_ranges[i];
        set_io_ports_allowed(open_ranges[i].first, open_ranges[i].count, true);
    }
}

void load_io_bitmap(Process& next) {
    if (io_bitmap_owner == &next) return;
    io_bitmap_owner = &next;
    if (next.io_range_count == 0 && open_range_count == 0) return;  // nothing to change
    open_io_ports_of(next);
}
alignas(16) uint8_t initial_fpu_state[512];

void load_process(Process& next) {
    if (fpu_owner != &next) {
        if (fpu_owner != nullptr) cpu::fx_save(fpu_owner->fpu);
        cpu::fx_restore(next.fpu);
        fpu_owner = &next;
    }
    next.space.activate();
    load_io_bitmap(next);
}

// The running process keeps the CPU, with nothing to reload, when it is
// still runnable, has slice left and no higher-priority process is ready
// (what pick_next would decide, without touching the queues).
bool current_keeps_cpu(const Process* current) {
    return current != nullptr && current->run_state == RunState::Runnable && !slice_expired &&
           current->slice_left != 0 && !ready.any_above(static_cast<uint32_t>(current->priority));
}

Process* pick_next() {
    Process* current = current_process();
    if (current != nullptr && current->run_state == RunState::Runnable) {
        if (slice_expired || current->slice_left == 0) {
            current->slice_left = kTimeSliceTicks;
            ready.push_back(*current, current->priority);
        } else {
            ready.push_front(*current, current->priority);
        }
    }
    slice_expired = false;
    return ready.pop_highest();
}

}  // namespace

void fpu_init() {
    uint64_t cr0 = cpu::read_cr0();
    cr0 &= ~((1ull << 2) | (1ull << 3));  // no emulation, no task-switched trap
    cr0 |= 1ull << 1;                     // monitor coprocessor
    cpu::write_cr0(cr0);
    cpu::write_cr4(cpu::read_cr4() | (1ull << 9) | (1ull << 10));  // OSFXSR, OSXMMEXCPT
    asm volatile("fninit");
    uint32_t mxcsr = 0x1F80;
    asm volatile("ldmxcsr %0" : : "m"(mxcsr));
    cpu::fx_save(initial_fpu_state);
}

void fpu_init_state(Process& process) { copy_bytes(process.fpu, initial_fpu_state, sizeof process.fpu); }

void scheduler_make_ready(Process& process) {
    process.run_state = RunState::Runnable;
    if (process.slice_left == 0) process.slice_left = kTimeSliceTicks;
    if (&process != current_process()) ready.push_back(process, process.priority);
}

void scheduler_block(Process& process) {
    process.run_state = RunState::Blocked;
    ready.remove(process, process.priority);
}

void scheduler_forget(Process& process) {
    ready.remove(process, process.priority);
    if (fpu_owner == &process) fpu_owner = nullptr;
    if (io_bitmap_owner == &process) io_bitmap_owner = nullptr;
    if (current_process() == &process) set_current_process(nullptr);
}

void scheduler_tick() {
    Process* current = current_process();
    if (current == nullptr || current->run_state != RunState::Runnable) return;
    ++current->cpu_ticks;
    if (current->slice_left > 0) --current->slice_left;
    if (current->slice_left == 0) slice_expired = true;
}

void scheduler_yield() { slice_expired = true; }

void scheduler_reload_io_bitmap(Process& process) {
    if (io_bitmap_owner != &process) return;
    open_io_ports_of(process);
}

uint64_t scheduler_idle_cycles() { return idle_cycles; }

Process& scheduler_switch() {
    Process* current = current_process();
    if (current_keeps_cpu(current)) return *current;
    Process* next = pick_next();
    while (next == nullptr) {
        set_current_process(nullptr);
        const uint64_t halted_at = cpu::read_tsc();
        cpu::enable_and_halt();
        idle_cycles += cpu::read_tsc() - halted_at;
        next = ready.pop_highest();
    }
    set_current_process(next);
    load_process(*next);
    return *next;
}

}  // namespace kernel
