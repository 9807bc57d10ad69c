// log.h — the kernel log (COM1) and panic.
//
// Entry points: log(fmt, ...) prints one formatted fragment to the console;
// panic(fmt, ...) prints "KERNEL PANIC: ..." and stops the machine (QEMU exits
// through isa-debug-exit with status 255, real hardware halts).
#pragma once

#include <stddef.h>

namespace kernel {

void log(const char* format, ...) __attribute__((format(printf, 1, 2)));
[[noreturn]] void panic(const char* format, ...) __attribute__((format(printf, 1, 2)));

// Writes raw bytes to the console (used by DebugWrite).
void log_write(const char* text, size_t length);

// Stops the machine, reporting `code` to QEMU's isa-debug-exit device.
[[noreturn]] void machine_exit(int code);

}  // namespace kernel

#define KASSERT(condition)                                                             \
    do {                                                                               \
        if (!(condition)) ::kernel::panic("assertion failed: %s (%s:%d)", #condition, __FILE__, __LINE__); \
    } while (0)
