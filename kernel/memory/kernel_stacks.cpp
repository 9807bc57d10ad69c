// kernel_stacks.cpp — builds the kernel-stack region: one page directory and
// one page table under PDPT slot 511 of the shared kernel PML4 slot 511,
// with only the stack pages present (writable, never executable), so the
// page below every stack stays unmapped.
//
// Entry points: see kernel_stacks.h.
#include "memory/kernel_stacks.h"

#include "arch/descriptors.h"
#include "core/log.h"
#include "memory/address_space.h"
#include "memory/physical_memory.h"

namespace kernel {
namespace {

constexpr uint64_t kKernelTableFlags = pte::kPresent | pte::kWritable;
constexpr uint64_t kStackPageFlags = pte::kPresent | pte::kWritable | pte::kNoExecute;

uint64_t* table_at(uint64_t physical) { return reinterpret_cast<uint64_t*>(phys_to_virt(physical)); }

uint64_t allocate_table_frame(const char* what) {
    Result<uint64_t> frame = frame_allocate_zeroed();
    if (frame.is_error()) panic("kernel stacks: no frame for %s: %s", what, neurath::error_name(frame.error()));
    return frame.value();
}

// The page table that maps the whole region, created under the kernel PML4.
uint64_t* create_region_table() {
    uint64_t& pml4_entry = table_at(kernel_space_root())[table_index(4, kKernelStackRegion)];
    if (!(pml4_entry & pte::kPresent)) panic("kernel stacks: the kernel image's PML4 slot is not mapped");
    uint64_t& pdpt_entry = table_at(entry_address(pml4_entry))[table_index(3, kKernelStackRegion)];
    if (pdpt_entry & pte::kPresent) panic("kernel stacks: region %lx is already in use", kKernelStackRegion);
    uint64_t directory = allocate_table_frame("the page directory");
    uint64_t table = allocate_table_frame("the page table");
    table_at(directory)[table_index(2, kKernelStackRegion)] = make_entry(table, kKernelTableFlags);
    pdpt_entry = make_entry(directory, kKernelTableFlags);
    return table_at(table);
}

void map_stack(uint64_t* table, KernelStack stack) {
    for (uint64_t page = stack_bottom(stack); page < stack_top(stack); page += kPageSize) {
        Result<uint64_t> frame = frame_allocate_zeroed();
        if (frame.is_error()) panic("kernel stacks: no frame for the %s stack", kernel_stack_name(stack));
        table[table_index(1, page)] = make_entry(frame.value(), kStackPageFlags);
    }
}

}  // namespace

void kernel_stacks_init() {
    uint64_t* table = create_region_table();
    for (unsigned i = 0; i < kKernelStackCount; ++i) map_stack(table, static_cast<KernelStack>(i));
    descriptors_use_stacks();
}

void run_on_kernel_stack(void (*continuation)()) {
    asm volatile(
        "mov %0, %%rsp\n"
        "xor %%ebp, %%ebp\n"
        "call *%1\n"
        "ud2\n"
        :
        : "r"(stack_top(KernelStack::Kernel)), "r"(continuation)
        : "memory");
    __builtin_unreachable();
}

}  // namespace kernel
