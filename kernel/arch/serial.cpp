// serial.cpp — COM1 at 115200 8N1, polled transmit for the kernel log.
//
// Entry points: serial_init, serial_put, serial_write (see serial.h).
#include "arch/serial.h"

#include "arch/cpu.h"

namespace kernel {
namespace {

constexpr uint16_t kCom1 = 0x3F8;
constexpr uint16_t kLineStatus = kCom1 + 5;
constexpr uint8_t kTransmitEmpty = 0x20;

}  // namespace

void serial_init() {
    cpu::outb(kCom1 + 1, 0x00);  // no interrupts (the tty server enables them)
    cpu::outb(kCom1 + 3, 0x80);  // divisor latch
    cpu::outb(kCom1 + 0, 0x01);  // 115200 baud
    cpu::outb(kCom1 + 1, 0x00);
    cpu::outb(kCom1 + 3, 0x03);  // 8N1
    cpu::outb(kCom1 + 2, 0xC7);  // FIFO on, cleared
    cpu::outb(kCom1 + 4, 0x0B);  // DTR, RTS, OUT2
}

void serial_put(char c) {
    for (int spins = 0; spins < 100000 && (cpu::inb(kLineStatus) & kTransmitEmpty) == 0; ++spins) {
    }
    cpu::outb(kCom1, static_cast<uint8_t>(c));
}

void serial_write(const char* text, size_t length) {
    for (size_t i = 0; i < length; ++i) {
        serial_put(text[i]);
    }
}

}  // namespace kernel
