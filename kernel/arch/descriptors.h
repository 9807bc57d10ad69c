// descriptors.h — GDT, TSS (with the I/O permission bitmap) and IDT.
//
// Entry points: descriptors_init(), descriptors_use_stacks(),
// set_io_ports_allowed(first, count, allowed), kIoBitmapBytes,
// kernel_stack_top (top of the stack every kernel entry runs on).
// Until descriptors_use_stacks() (called by kernel_stacks_init) every
// exception runs on the boot stack; after it, entries from user mode run on
// the guarded kernel stack and debug traps, NMIs, double faults and machine
// checks each on a guarded stack of their own (TSS IST 1..4).
// Invariants: the TSS's I/O bitmap covers every port (0..0xFFFF); a port is
// open to user mode only while the scheduler has allowed it for the running
// process.
#pragma once

#include <stdint.h>

extern "C" uint64_t kernel_stack_top;

namespace kernel {

inline constexpr uint32_t kIoBitmapBytes = 0x10000 / 8;

void descriptors_init();
void descriptors_use_stacks();
// Opens (allowed) or closes ports [first, first + count) in the TSS's I/O
// bitmap (bit p clear = port p allowed, the x86 convention).
void set_io_ports_allowed(uint32_t first, uint32_t count, bool allowed);

}  // namespace kernel
