// uart.cpp — 16550 register programming for the console (see uart.h).
//
// Entry points: Uart::init, Uart::attach, Uart::write, Uart::read_available.
// Registers:
// +0 data / divisor low, +1 interrupt enable / divisor high, +2 FIFO control,
// +3 line control, +4 modem control, +5 line status.
#include "uart.h"

#include <sys/kcall.h>

namespace tty {
namespace {

constexpr uint16_t kData = 0;
constexpr uint16_t kInterruptEnable = 1;
constexpr uint16_t kFifoControl = 2;
constexpr uint16_t kLineControl = 3;
constexpr uint16_t kModemControl = 4;
constexpr uint16_t kLineStatus = 5;

constexpr uint8_t kLineStatusDataReady = 0x01;
constexpr uint8_t kLineStatusTransmitEmpty = 0x20;
constexpr uint8_t kDivisorLatch = 0x80;
constexpr uint8_t kEightNoneOne = 0x03;
constexpr uint8_t kFifoEnableAndClear = 0xc7;  // 14-byte trigger level
constexpr uint8_t kModemDtrRtsOut2 = 0x0b;    // OUT2 routes the IRQ to the PIC
constexpr uint8_t kReceiveInterrupt = 0x01;
constexpr uint32_t kTransmitSpinLimit = 100000;

void out8(uint16_t port, uint8_t value) { asm volatile("outb %0, %1" : : "a"(value), "Nd"(port)); }

uint8_t in8(uint16_t port) {
    uint8_t value;
    asm volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

}  // namespace

sys::Result<void> Uart::init() {
    TRY(attach());
    out8(base_ + kInterruptEnable, 0);
    out8(base_ + kLineControl, kDivisorLatch);
    out8(base_ + kData, 1);  // divisor 1: 115200 baud
    out8(base_ + kInterruptEnable, 0);
    out8(base_ + kLineControl, kEightNoneOne);
    out8(base_ + kFifoControl, kFifoEnableAndClear);
    out8(base_ + kModemControl, kModemDtrRtsOut2);
    out8(base_ + kInterruptEnable, kReceiveInterrupt);
    return {};
}

sys::Result<void> Uart::attach() { return sys::io_port_enable(base_, kCom1PortCount); }

void Uart::write(const char* bytes, size_t length) {
    for (size_t i = 0; i < length; ++i) {
        // Bounded wait: a wedged UART loses output instead of hanging the server.
        for (uint32_t spin = 0; spin < kTransmitSpinLimit; ++spin) {
            if (in8(base_ + kLineStatus) & kLineStatusTransmitEmpty) break;
        }
        out8(base_ + kData, static_cast<uint8_t>(bytes[i]));
    }
}

size_t Uart::read_available(char* out, size_t capacity) {
    size_t count = 0;
    while (count < capacity && (in8(base_ + kLineStatus) & kLineStatusDataReady)) {
        out[count++] = static_cast<char>(in8(base_ + kData));
    }
    return count;
}

}  // namespace tty
