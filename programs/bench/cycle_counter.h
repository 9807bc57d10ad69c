// cycle_counter.h — reads the time-stamp counter and calibrates it against
// a loop of a known number of instructions.
//
// Under QEMU with `-icount shift=0` every guest instruction advances guest
// time by 1 ns and the TSC follows guest time, so TSC deltas count executed
// instructions; calibrate() measures how closely that holds on this run.
// Entry points: read_tsc, calibration_loop.
#pragma once

#include <stdint.h>

namespace bench {

inline uint64_t read_tsc() {
    uint32_t low;
    uint32_t high;
    asm volatile("lfence; rdtsc" : "=a"(low), "=d"(high) : : "memory");
    return (static_cast<uint64_t>(high) << 32) | low;
}

// Executes exactly 2 * iterations instructions (dec + jnz per iteration).
inline void calibration_loop(uint64_t iterations) {
    asm volatile(
        "1:\n\t"
        "dec %0\n\t"
        "jnz 1b"
        : "+r"(iterations)
        :
        : "cc");
}

}  // namespace bench
