// descriptors.h — GDT, TSS (with the I/O permission bitmap) and IDT.
//
// Entry points: descriptors_init(), descriptors_use_stacks(),
// set_io_bitmap(bitmap), kIoBitmapBytes, kernel_stack_top (top of the stack
// every kernel entry runs on).
// Until descriptors_use_stacks() (called by kernel_stacks_init) every
// exception runs on the boot stack; after it, entries from user mode run on
// the guarded kernel stack and debug traps, NMIs, double faults and machine
// checks each on a guarded stack of their own (TSS IST 1..4).
// Invariants: the TSS's I/O bitmap covers ports 0..kIoPortLimit-1; ports above
// lie outside the TSS limit and are always denied to user mode.
#pragma once

#include <stdint.h>

extern "C" uint64_t kernel_stack_top;

namespace kernel {

inline constexpr uint32_t kIoPortLimit = 0x400;
inline constexpr uint32_t kIoBitmapBytes = kIoPortLimit / 8;

void descriptors_init();
void descriptors_use_stacks();
// bitmap: bit p clear = port p allowed (x86 convention).
void set_io_bitmap(const uint8_t (&bitmap)[kIoBitmapBytes]);

}  // namespace kernel
