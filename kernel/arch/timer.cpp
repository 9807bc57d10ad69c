// timer.cpp — PIT tick source and TSC-based uptime (see timer.h).
//
// Entry points: timer_init, uptime_ns, timer_count_tick, ticks_since_boot.
#include "arch/timer.h"

#include "arch/cpu.h"
#include "arch/pic.h"
#include "core/log.h"

namespace kernel {
namespace {

constexpr uint32_t kPitHz = 1193182;
constexpr uint16_t kPitChannel0 = 0x40;
constexpr uint16_t kPitChannel2 = 0x42;
constexpr uint16_t kPitCommand = 0x43;
constexpr uint16_t kPitGate = 0x61;
constexpr uint32_t kCalibrationMs = 10;

uint64_t tsc_at_boot = 0;
uint64_t tsc_per_ms = 1;
uint64_t tick_count = 0;

// Counts TSC cycles during kCalibrationMs measured by PIT channel 2 (one-shot).
uint64_t measure_tsc_per_ms() {
    uint32_t reload = kPitHz * kCalibrationMs / 1000;
    uint8_t gate = cpu::inb(kPitGate);
    cpu::outb(kPitGate, static_cast<uint8_t>((gate & ~0x02) | 0x01));  // gate on, speaker off
    cpu::outb(kPitCommand, 0xB0);  // channel 2, lobyte/hibyte, mode 0
    cpu::outb(kPitChannel2, static_cast<uint8_t>(reload));
    cpu::outb(kPitChannel2, static_cast<uint8_t>(reload >> 8));
    uint64_t start = cpu::read_tsc();
    while ((cpu::inb(kPitGate) & 0x20) == 0) {
    }
    uint64_t cycles = cpu::read_tsc() - start;
    cpu::outb(kPitGate, gate);
    uint64_t per_ms = cycles / kCalibrationMs;
    return per_ms == 0 ? 1 : per_ms;
}

void start_tick() {
    uint32_t divisor = kPitHz / kTickHz;
    cpu::outb(kPitCommand, 0x34);  // channel 0, lobyte/hibyte, rate generator
    cpu::outb(kPitChannel0, static_cast<uint8_t>(divisor));
    cpu::outb(kPitChannel0, static_cast<uint8_t>(divisor >> 8));
    pic_unmask(0);
}

}  // namespace

void timer_init() {
    tsc_at_boot = cpu::read_tsc();
    tsc_per_ms = measure_tsc_per_ms();
    start_tick();
    log("timer: %u Hz tick, TSC %lu kHz\n", kTickHz, tsc_per_ms);
}

uint64_t uptime_ns() {
    uint64_t cycles = cpu::read_tsc() - tsc_at_boot;
    uint64_t whole_ms = cycles / tsc_per_ms;
    uint64_t rest = cycles % tsc_per_ms;
    return whole_ms * 1000000 + rest * 1000000 / tsc_per_ms;
}

void timer_count_tick() { ++tick_count; }
uint64_t ticks_since_boot() { return tick_count; }

}  // namespace kernel
