// uart.h — the 16550 UART on COM1, driven from user space through the
// IoPortEnable kernel call (ports 0x3f8-0x3ff) and IRQ 4.
//
// Entry points: Uart::init (115200 8N1, FIFOs on, receive interrupt on),
// Uart::attach (port access only, the first step of init),
// Uart::write (polls until the transmitter takes each byte),
// Uart::read_available (drains the receive FIFO without blocking).
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <sys/result.h>

namespace tty {

inline constexpr uint16_t kCom1Base = 0x3f8;
inline constexpr uint16_t kCom1PortCount = 8;
inline constexpr uint32_t kCom1Irq = 4;

class Uart {
public:
    explicit Uart(uint16_t base) : base_(base) {}

    sys::Result<void> init();
    // Gains port access without touching the UART's settings.
    sys::Result<void> attach();
    void write(const char* bytes, size_t length);
    // Copies received bytes into out until the FIFO is empty or out is full.
    size_t read_available(char* out, size_t capacity);

private:
    uint16_t base_;
};

}  // namespace tty
