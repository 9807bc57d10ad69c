// cpu_protection.h — hardware guards the kernel turns on when the CPU has
// them: SMEP (the kernel never executes user pages) and SMAP (the kernel
// never touches user pages by direct access; it reaches user memory only
// through page-table walks and the direct map, see memory/user_memory.h).
//
// Entry point: cpu_protection_init().
#pragma once

namespace kernel {

void cpu_protection_init();

}  // namespace kernel
