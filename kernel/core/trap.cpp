// trap.cpp — the one C++ entry point of every kernel entry: exceptions,
// IRQs and kernel calls.
//
// Entry points: extern "C" trap_dispatch(TrapFrame*) and
// syscall_from_user() (called by trap_entry.S), start_first_process().
// From user mode: the registers end up in the current process's saved frame
// (copied there for exceptions and IRQs, stored there directly by
// syscall_entry), the event is handled, and the scheduler's choice is
// returned, sanitized (arch/user_frame.h): trap_entry.S resumes that
// process's saved frame. From kernel mode (only the idle wait has interrupts
// enabled): IRQs are handled without switching; an exception panics with a
// full report, which names the stack whose guard page a fault hit.
// Not the process's doing, so never a process's death: an NMI is logged and
// ignored, a machine check panics. A debug trap on the first instruction of
// syscall_entry would be a user's TF surviving into `syscall` (FMASK clears
// TF; a CPU that still delivered the single-step trap of the `syscall`
// instruction itself would deliver it there, on the debug IST stack; QEMU
// delivers it in user mode after the return instead): it is dismissed, and
// the process gets its own trap after its next instruction.
#include "core/trap.h"

#include "arch/cpu.h"
#include "arch/pic.h"
#include "arch/timer.h"
#include "arch/user_frame.h"
#include "core/fault_report.h"
#include "core/log.h"
#include "ipc/irq_routing.h"
#include "memory/kernel_stack_layout.h"
#include "proc/alarms.h"
#include "proc/lifecycle.h"
#include "proc/scheduler.h"
#include "syscalls/syscall.h"

extern "C" [[noreturn]] void enter_user_frame(kernel::TrapFrame* frame);
extern "C" void syscall_entry();

namespace kernel {
namespace {

constexpr uint64_t kExceptionCount = 32;
constexpr uint64_t kDebugVector = 1;
constexpr uint64_t kNmiVector = 2;
constexpr uint64_t kPageFaultVector = 14;
constexpr uint64_t kMachineCheckVector = 18;

TrapFrame* resume_user(Process& next) {
    sanitize_user_frame(next.frame);
    return &next.frame;
}

bool is_single_step_into_kernel(const TrapFrame& frame) {
    return frame.vector == kDebugVector && frame.rip == reinterpret_cast<uint64_t>(&syscall_entry);
}

void report_guard_page_hit(uint64_t cr2, const TrapFrame& frame) {
    KernelStack stack = stack_guarded_at(cr2);
    if (stack == KernelStack::Count) stack = stack_guarded_at(frame.rsp);
    if (stack == KernelStack::Count) return;
    log("kernel stack overflow: the %s stack ran into its guard page at %016lx\n", kernel_stack_name(stack),
        guard_page(stack));
}

[[noreturn]] void panic_with_report(const char* title, const TrapFrame& frame) {
    uint64_t cr2 = cpu::read_cr2();
    print_fault_report(title, current_process(), frame, cr2);
    report_guard_page_hit(cr2, frame);
    panic("%s in %s mode at rip %lx", exception_name(frame.vector), from_user_mode(frame) ? "user" : "kernel",
          frame.rip);
}

bool is_irq(uint64_t vector) { return vector >= kIrqBaseVector && vector < kIrqBaseVector + kIrqCount; }

void handle_irq(unsigned irq) {
    if (pic_is_spurious(irq)) return;
    pic_end_of_interrupt(irq);
    if (irq == 0) {
        timer_count_tick();
        scheduler_tick();
        alarms_fire_due(uptime_ns());
        return;
    }
    irq_deliver(irq);
}

void handle_user_exception(Process& process, const TrapFrame& frame) {
    uint64_t cr2 = frame.vector == kPageFaultVector ? cpu::read_cr2() : 0;
    print_fault_report("user exception", &process, frame, cr2);
    Ending ending{EndingKind::Faulted, -1, {}};
    ending.fault = neurath::FaultReport{process.endpoint, static_cast<uint32_t>(frame.vector), cr2, frame.rip,
                                        frame.error_code};
    terminate_process(process, ending);
}

void handle_kernel_trap(TrapFrame& frame) {
    if (is_irq(frame.vector)) {
        handle_irq(static_cast<unsigned>(frame.vector - kIrqBaseVector));
        return;
    }
    if (frame.vector == kNmiVector) {
        log("kernel: non-maskable interrupt in kernel mode at rip %lx, ignored\n", frame.rip);
        return;
    }
    if (is_single_step_into_kernel(frame)) return;
    panic_with_report("KERNEL EXCEPTION", frame);
}

}  // namespace

void start_first_process() { enter_user_frame(resume_user(scheduler_switch())); }

}  // namespace kernel

extern "C" kernel::TrapFrame* trap_dispatch(kernel::TrapFrame* frame) {
    using namespace kernel;
    if (!from_user_mode(*frame)) {
        handle_kernel_trap(*frame);
        return frame;
    }
    Process* process = current_process();
    if (process == nullptr) panic("trap %lu from user mode without a current process", frame->vector);
    process->frame = *frame;
    if (frame->vector == kNmiVector) {
        // Straight back, never through the scheduler: its idle wait would run on the NMI
        // stack with NMIs unblocked by the first IRQ's iretq, and a second NMI would reuse it.
        log("kernel: non-maskable interrupt in user mode (%s), ignored\n", process->name);
        return resume_user(*process);
    }
    if (is_irq(frame->vector)) {
        handle_irq(static_cast<unsigned>(frame->vector - kIrqBaseVector));
    } else if (frame->vector == kMachineCheckVector) {
        panic_with_report("MACHINE CHECK", *frame);
    } else if (frame->vector < kExceptionCount) {
        handle_user_exception(*process, *frame);
    }
    return resume_user(scheduler_switch());
}

// syscall_entry already stored the caller's registers in its saved frame.
extern "C" kernel::TrapFrame* syscall_from_user() {
    using namespace kernel;
    Process* process = current_process();
    if (process == nullptr) panic("kernel call without a current process");
    syscall_dispatch(*process);
    return resume_user(scheduler_switch());
}
