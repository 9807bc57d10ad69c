// kernel_stack_layout.h — where the kernel's stacks live: each in a window
// of its own in the kernel-stack region, with an unmapped guard page below it
// and no kernel data on either side.
//
// Entry points: KernelStack (which stack), kKernelStackRegion,
// stack_pages(stack), stack_bottom(stack), stack_top(stack),
// guard_page(stack), stack_guarded_at(address), kernel_stack_name(stack).
// Layout, from kKernelStackRegion up: guard, kernel stack, guard, double-fault
// stack, guard, NMI stack, guard, machine-check stack, guard, debug stack,
// guard. Only the stack pages are ever mapped, so running off the bottom of
// any stack touches a guard page and faults; the CPU cannot push the page
// fault's frame on the same stack and raises a double fault, which runs on
// its own stack (an IST entry of the TSS) and reports the overflow.
// The region is PDPT slot 511 of the shared kernel PML4 slot 511 (the image
// uses slot 510), so every address space sees it. Pure constexpr logic,
// compiled in the kernel and the host tests.
#pragma once

#include <stdint.h>

#include "memory/paging.h"

namespace kernel {

enum class KernelStack : unsigned {
    Kernel,        // every kernel entry from user mode, and the kernel after boot
    DoubleFault,   // IST 1
    Nmi,           // IST 2
    MachineCheck,  // IST 3
    Debug,         // IST 4
    Count
};

inline constexpr unsigned kKernelStackCount = static_cast<unsigned>(KernelStack::Count);
inline constexpr uint64_t kKernelStackRegion = 0xFFFFFFFFC0000000;
inline constexpr uint64_t kKernelStackRegionSize = 2ull << 20;  // one page table's reach

constexpr uint64_t stack_pages(KernelStack stack) { return stack == KernelStack::Kernel ? 8 : 4; }

// Interrupt stack table index (1..7) of a stack, 0 for the kernel stack.
constexpr uint8_t ist_index(KernelStack stack) { return static_cast<uint8_t>(stack); }

constexpr uint64_t stack_bottom(KernelStack stack) {
    uint64_t page = 1;  // the first guard page
    for (unsigned i = 0; i < static_cast<unsigned>(stack); ++i) page += stack_pages(static_cast<KernelStack>(i)) + 1;
    return kKernelStackRegion + page * kPageSize;
}

constexpr uint64_t stack_top(KernelStack stack) { return stack_bottom(stack) + stack_pages(stack) * kPageSize; }
constexpr uint64_t guard_page(KernelStack stack) { return stack_bottom(stack) - kPageSize; }
constexpr uint64_t kernel_stack_region_used() {
    return stack_top(static_cast<KernelStack>(kKernelStackCount - 1)) + kPageSize - kKernelStackRegion;
}
static_assert(kernel_stack_region_used() <= kKernelStackRegionSize);

// The stack whose guard page holds `address` (the one that overflowed), or
// KernelStack::Count if the address is in no guard page.
constexpr KernelStack stack_guarded_at(uint64_t address) {
    for (unsigned i = 0; i < kKernelStackCount; ++i) {
        auto stack = static_cast<KernelStack>(i);
        if (address >= guard_page(stack) && address < stack_bottom(stack)) return stack;
    }
    return KernelStack::Count;
}

constexpr const char* kernel_stack_name(KernelStack stack) {
    switch (stack) {
        case KernelStack::Kernel: return "kernel";
        case KernelStack::DoubleFault: return "double-fault";
        case KernelStack::Nmi: return "NMI";
        case KernelStack::MachineCheck: return "machine-check";
        case KernelStack::Debug: return "debug";
        case KernelStack::Count: break;
    }
    return "no";
}

}  // namespace kernel
