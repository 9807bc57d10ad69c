// fault_injection.h — faults the kernel commits on purpose when its command
// line asks for them, so tests can prove that the kernel reports its own
// faults correctly.
//
// Entry point: inject_boot_faults(command_line, length), called on the
// kernel stack before the first process starts. Words understood:
//   fault=kernel-stack-overflow  recurse until the kernel stack runs into its
//                                guard page: a double fault on its own stack,
//                                a report naming the overflow, a panic.
// Without such a word it does nothing.
#pragma once

#include <stddef.h>

namespace kernel {

void inject_boot_faults(const char* command_line, size_t length);

}  // namespace kernel
