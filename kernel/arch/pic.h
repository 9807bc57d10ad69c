// pic.h — the legacy 8259 interrupt controller pair, remapped to vectors
// 32..47.
//
// Entry points: pic_init(), pic_unmask(irq), pic_mask(irq),
// pic_end_of_interrupt(irq), pic_is_spurious(irq), pic_is_level_triggered(irq),
// kIrqBaseVector.
#pragma once

#include <stdint.h>

namespace kernel {

inline constexpr unsigned kIrqBaseVector = 32;
inline constexpr unsigned kIrqCount = 16;

void pic_init();
void pic_unmask(unsigned irq);
void pic_mask(unsigned irq);
void pic_end_of_interrupt(unsigned irq);
// IRQ 7 / 15 can fire without a real request; those must not be acknowledged.
bool pic_is_spurious(unsigned irq);
// From the edge/level control registers the firmware set up: PCI lines are
// level-triggered and stay asserted until the driver acknowledges its device.
bool pic_is_level_triggered(unsigned irq);

}  // namespace kernel
