// main.cpp — /bin/crash: faults on purpose, to test that a crashing user
// program is reported and cleaned up while the system keeps running.
//
// Entry point: main. crash [null|kernel|divide|opcode|singlestep|badstack]:
//   null        read through a null pointer (page fault; the default)
//   kernel      write to a kernel-half address (page fault, protection)
//   divide      integer division by zero (divide error)
//   opcode      execute an undefined instruction (invalid opcode)
//   singlestep  set the trap flag and make a kernel call (uptime): the
//               kernel must not trap on its own first instruction; the
//               process gets the debug trap after the call (debug, vector 1)
//   badstack    make a kernel call with a non-canonical stack pointer: the
//               kernel returns to it untouched and the process faults on its
//               next push, in user mode
#include <stdint.h>
#include <sys/cstring.h>
#include <sys/stdio.h>

namespace {

// volatile keeps the compiler from folding the faults away.
int read_null() {
    volatile int* pointer = nullptr;
    return *pointer;
}

int write_kernel() {
    volatile uint64_t* pointer = reinterpret_cast<volatile uint64_t*>(0xffffffff80100000ull);
    *pointer = 0xdead;
    return 0;
}

int divide_by_zero() {
    volatile int zero = 0;
    volatile int numerator = 42;
    return numerator / zero;
}

int invalid_opcode() {
    asm volatile("ud2");
    return 0;
}

int single_step_into_kernel() {
    uint64_t uptime_call = 7;
    asm volatile(
        "pushfq\n"
        "orq $0x100, (%%rsp)\n"
        "popfq\n"
        "syscall\n"
        "nop\n"
        : "+a"(uptime_call)
        :
        : "rcx", "r11", "memory", "cc");
    return 0;
}

int call_with_non_canonical_stack() {
    asm volatile(
        "movabs $0x8000000000000000, %%rsp\n"
        "mov $7, %%eax\n"
        "syscall\n"
        "pushq %%rax\n"
        :
        :
        : "rax", "rcx", "r11", "memory");
    __builtin_unreachable();
}

struct Variant {
    const char* name;
    int (*crash)();
};

const Variant kVariants[] = {
    {"null", read_null},
    {"kernel", write_kernel},
    {"divide", divide_by_zero},
    {"opcode", invalid_opcode},
    {"singlestep", single_step_into_kernel},
    {"badstack", call_with_non_canonical_stack},
};

}  // namespace

int main(int argc, char** argv) {
    const char* wanted = argc >= 2 ? argv[1] : "null";
    for (const Variant& variant : kVariants) {
        if (sys::str::strcmp(variant.name, wanted) != 0) continue;
        printf("crash: %s\n", variant.name);
        variant.crash();
        printf("crash: %s did not fault\n", variant.name);
        return 1;
    }
    printf("usage: crash [null|kernel|divide|opcode|singlestep|badstack]\n");
    return 2;
}
