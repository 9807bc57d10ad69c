// log.cpp — kernel log output on COM1, panic and machine exit.
//
// Entry points: log, log_write, panic, machine_exit (see log.h).
#include "core/log.h"

#include <stdarg.h>

#include "arch/cpu.h"
#include "arch/serial.h"
#include "core/format.h"

namespace kernel {
namespace {

constexpr uint16_t kDebugExitPort = 0xF4;
constexpr int kPanicExitCode = 0x7F;  // QEMU exit status (0x7F << 1) | 1 = 255

void serial_sink(void*, const char* text, size_t length) { serial_write(text, length); }

}  // namespace

void log_write(const char* text, size_t length) { serial_write(text, length); }

void log(const char* format, ...) {
    va_list args;
    va_start(args, format);
    format_to(serial_sink, nullptr, format, args);
    va_end(args);
}

void panic(const char* format, ...) {
    cpu::disable_interrupts();
    log("\nKERNEL PANIC: ");
    va_list args;
    va_start(args, format);
    format_to(serial_sink, nullptr, format, args);
    va_end(args);
    log("\n");
    machine_exit(kPanicExitCode);
}

void machine_exit(int code) {
    cpu::disable_interrupts();
    cpu::outl(kDebugExitPort, static_cast<uint32_t>(code));
    cpu::halt_forever();
}

}  // namespace kernel
