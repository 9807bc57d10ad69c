// timer.h — the scheduling tick (PIT channel 0) and the uptime clock (TSC,
// calibrated against PIT channel 2 at boot).
//
// Entry points: timer_init(), uptime_ns(), kTickHz, ticks_since_boot().
#pragma once

#include <stdint.h>

namespace kernel {

inline constexpr uint32_t kTickHz = 250;

void timer_init();
uint64_t uptime_ns();
void timer_count_tick();
uint64_t ticks_since_boot();

}  // namespace kernel
