// kernel_stacks.h — maps the kernel's stacks, each with an unmapped guard
// page below it, in their own region (layout: kernel_stack_layout.h).
//
// Entry points: kernel_stacks_init() (after physical_memory_init: maps every
// stack on fresh frames, points the TSS's rsp0 and IST entries and
// kernel_stack_top at them), run_on_kernel_stack(continuation) (leaves the
// boot stack for good).
#pragma once

#include "memory/kernel_stack_layout.h"

namespace kernel {

void kernel_stacks_init();
[[noreturn]] void run_on_kernel_stack(void (*continuation)());

}  // namespace kernel
