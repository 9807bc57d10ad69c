// fault_report.cpp — formatting of CPU exception reports.
//
// Entry points: exception_name, print_fault_report.
#include "core/fault_report.h"

#include "core/log.h"
#include "proc/process.h"

namespace kernel {

const char* exception_name(uint64_t vector) {
    static const char* const names[32] = {
        "divide error", "debug", "non-maskable interrupt", "breakpoint", "overflow", "bound range exceeded",
        "invalid opcode", "device not available", "double fault", "coprocessor segment overrun", "invalid TSS",
        "segment not present", "stack-segment fault", "general protection fault", "page fault", "reserved",
        "x87 floating-point error", "alignment check", "machine check", "SIMD floating-point error",
        "virtualization exception", "control protection", "reserved", "reserved", "reserved", "reserved",
        "reserved", "reserved", "hypervisor injection", "VMM communication", "security exception", "reserved"};
    return vector < 32 ? names[vector] : "unknown";
}

void print_fault_report(const char* title, const Process* who, const TrapFrame& f, uint64_t cr2) {
    log("\n==== %s ====\n", title);
    if (who != nullptr) {
        log("process: %s  pid: %lu  endpoint: %d\n", who->name, who->pid, who->endpoint);
    } else {
        log("process: (kernel)\n");
    }
    log("exception: %s (vector %lu)  error code: %lx\n", exception_name(f.vector), f.vector, f.error_code);
    log("fault address (cr2): %016lx%s\n", cr2, f.vector == 14 ? "" : " (not a page fault)");
    log("rip: %016lx  rsp: %016lx  rflags: %016lx\n", f.rip, f.rsp, f.rflags);
    log("cs: %04lx  ss: %04lx\n", f.cs, f.ss);
    log("rax: %016lx  rbx: %016lx  rcx: %016lx\n", f.rax, f.rbx, f.rcx);
    log("rdx: %016lx  rsi: %016lx  rdi: %016lx\n", f.rdx, f.rsi, f.rdi);
    log("rbp: %016lx  r8:  %016lx  r9:  %016lx\n", f.rbp, f.r8, f.r9);
    log("r10: %016lx  r11: %016lx  r12: %016lx\n", f.r10, f.r11, f.r12);
    log("r13: %016lx  r14: %016lx  r15: %016lx\n", f.r13, f.r14, f.r15);
    log("====\n");
}

}  // namespace kernel
