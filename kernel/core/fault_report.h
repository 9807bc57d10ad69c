// fault_report.h — the readable report printed for a CPU exception: who
// (process name, pid, endpoint), which exception (name and vector), the
// faulting address (CR2), the error code and every register.
//
// Entry points: exception_name(vector), print_fault_report(title, who, frame, cr2).
#pragma once

#include <stdint.h>

#include "arch/trap_frame.h"

namespace kernel {

struct Process;

const char* exception_name(uint64_t vector);
// who may be nullptr (kernel context).
void print_fault_report(const char* title, const Process* who, const TrapFrame& frame, uint64_t cr2);

}  // namespace kernel
