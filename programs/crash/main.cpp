// main.cpp — /bin/crash: faults on purpose, to test that a crashing user
// program is reported and cleaned up while the system keeps running.
//
// Entry point: main. crash [null|kernel|divide|opcode]:
//   null    read through a null pointer (page fault; the default)
//   kernel  write to a kernel-half address (page fault, protection)
//   divide  integer division by zero (divide error)
//   opcode  execute an undefined instruction (invalid opcode)
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

struct Variant {
    const char* name;
    int (*crash)();
};

const Variant kVariants[] = {
    {"null", read_null},
    {"kernel", write_kernel},
    {"divide", divide_by_zero},
    {"opcode", invalid_opcode},
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
    printf("usage: crash [null|kernel|divide|opcode]\n");
    return 2;
}
