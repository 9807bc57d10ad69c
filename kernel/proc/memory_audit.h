// memory_audit.h — the kernel's frame-leak check, reported on the serial
// console for the driver and the tests.
//
// Entry points: memory_audit_after_boot() (before the first process starts),
// memory_audit_at_poweroff() (from Shutdown).
// After boot every frame the kernel hands out belongs to one process's
// address space (user pages, page tables, the PML4); the kernel's own
// memory (image, heap, boot modules) was taken before. So once every
// process's memory is returned, the free count must be exactly the one after
// boot; any difference is a frame the kernel lost.
//
// Lines (parsed by tools/frame_audit.py):
//   memory: <N> frames free after boot
//   memory: at poweroff <name> pid <p> endpoint <e> held <k> frames   (one per process still there)
//   memory: <M> frames free at poweroff once every process ended (after boot <N>, difference <N-M>)
#pragma once

namespace kernel {

void memory_audit_after_boot();
// Frees every process's memory (the machine stops right after) and reports.
void memory_audit_at_poweroff();

}  // namespace kernel
