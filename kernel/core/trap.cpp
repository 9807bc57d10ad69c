// trap.cpp — the one C++ entry point of every kernel entry: exceptions,
// IRQs and kernel calls.
//
// Entry points: extern "C" trap_dispatch(TrapFrame*) and
// syscall_from_user() (called by trap_entry.S), start_first_process().
// From user mode: the registers end up in the current process's saved frame
// (copied there for exceptions and IRQs, stored there directly by
// syscall_entry), the event is handled, and the scheduler's choice is
// returned: trap_entry.S resumes that process's saved frame. From kernel
// mode (only the idle wait has interrupts enabled): IRQs are handled without
// switching; an exception panics with a full report.
#include "core/trap.h"

#include "arch/cpu.h"
#include "arch/pic.h"
#include "arch/timer.h"
#include "core/fault_report.h"
#include "core/log.h"
#include "ipc/irq_routing.h"
#include "proc/alarms.h"
#include "proc/lifecycle.h"
#include "proc/scheduler.h"
#include "syscalls/syscall.h"

extern "C" [[noreturn]] void enter_user_frame(kernel::TrapFrame* frame);

namespace kernel {
namespace {

constexpr uint64_t kExceptionCount = 32;
constexpr uint64_t kPageFaultVector = 14;

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
    print_fault_report("KERNEL EXCEPTION", current_process(), frame, cpu::read_cr2());
    panic("%s in kernel mode at rip %lx", exception_name(frame.vector), frame.rip);
}

}  // namespace

void start_first_process() { enter_user_frame(&scheduler_switch().frame); }

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
    if (is_irq(frame->vector)) {
        handle_irq(static_cast<unsigned>(frame->vector - kIrqBaseVector));
    } else if (frame->vector < kExceptionCount) {
        handle_user_exception(*process, *frame);
    }
    return &scheduler_switch().frame;
}

// syscall_entry already stored the caller's registers in its saved frame.
extern "C" kernel::TrapFrame* syscall_from_user() {
    using namespace kernel;
    Process* process = current_process();
    if (process == nullptr) panic("kernel call without a current process");
    syscall_dispatch(*process);
    return &scheduler_switch().frame;
}
