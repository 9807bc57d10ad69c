// descriptors.cpp — builds and loads the GDT, TSS and IDT.
//
// Entry points: descriptors_init, descriptors_use_stacks, set_io_ports_allowed
// (see descriptors.h).
#include "arch/descriptors.h"

#include "arch/trap_frame.h"
#include "core/string.h"
#include "memory/kernel_stack_layout.h"

extern "C" const uint64_t trap_stubs[48];

uint64_t kernel_stack_top;

namespace kernel {
namespace {

struct [[gnu::packed]] TaskState {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t io_map_base;
    uint8_t io_bitmap[kIoBitmapBytes];
    uint8_t io_bitmap_end;  // must be 0xFF
};

struct [[gnu::packed]] TablePointer {
    uint16_t limit;
    uint64_t base;
};

struct IdtGate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t ist;
    uint8_t type;
    uint16_t offset_mid;
    uint32_t offset_high;
    uint32_t reserved;
};

alignas(16) TaskState tss;
alignas(16) uint64_t gdt[7];
alignas(16) IdtGate idt[256];

void build_gdt() {
    gdt[0] = 0;
    gdt[1] = 0x00AF9A000000FFFF;  // kernel code, 64-bit
    gdt[2] = 0x00CF92000000FFFF;  // kernel data
    gdt[3] = 0x00CFF2000000FFFF;  // user data (DPL 3)
    gdt[4] = 0x00AFFA000000FFFF;  // user code, 64-bit (DPL 3)
    uint64_t base = reinterpret_cast<uint64_t>(&tss);
    uint64_t limit = sizeof(TaskState) - 1;
    gdt[5] = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) | (0x89ull << 40) | (((limit >> 16) & 0xF) << 48) |
             (((base >> 24) & 0xFF) << 56);
    gdt[6] = base >> 32;
}

void load_gdt() {
    TablePointer pointer{sizeof gdt - 1, reinterpret_cast<uint64_t>(gdt)};
    asm volatile(
        "lgdt %0\n"
        "pushq $0x08\n"
        "leaq 1f(%%rip), %%rax\n"
        "pushq %%rax\n"
        "lretq\n"
        "1:\n"
        "mov $0x10, %%ax\n"
        "mov %%ax, %%ds\n"
        "mov %%ax, %%es\n"
        "mov %%ax, %%ss\n"
        :
        : "m"(pointer)
        : "rax", "memory");
    asm volatile("ltr %w0" : : "r"(kTssSelector));
}

void set_gate(unsigned vector, uint64_t handler, uint8_t ist) {
    idt[vector] = IdtGate{static_cast<uint16_t>(handler), kKernelCode, ist, 0x8E,
                          static_cast<uint16_t>(handler >> 16), static_cast<uint32_t>(handler >> 32), 0};
}

// Vectors that may arrive with no usable stack (a double fault after a
// kernel stack overflow; an NMI, machine check or debug trap on the first
// instruction of syscall_entry, still on the user's stack) and the stack the
// CPU switches to for them, whatever the privilege level.
struct IstVector {
    unsigned vector;
    KernelStack stack;
};
constexpr IstVector kIstVectors[] = {
    {1, KernelStack::Debug}, {2, KernelStack::Nmi}, {8, KernelStack::DoubleFault}, {18, KernelStack::MachineCheck}};

void build_idt() {
    for (unsigned vector = 0; vector < 48; ++vector) set_gate(vector, trap_stubs[vector], 0);
    TablePointer pointer{sizeof idt - 1, reinterpret_cast<uint64_t>(idt)};
    asm volatile("lidt %0" : : "m"(pointer));
}

}  // namespace

void descriptors_init() {
    fill_bytes(&tss, 0, sizeof tss);
    tss.io_map_base = offsetof(TaskState, io_bitmap);
    fill_bytes(tss.io_bitmap, 0xFF, kIoBitmapBytes);
    tss.io_bitmap_end = 0xFF;
    build_gdt();
    load_gdt();
    build_idt();
}

void descriptors_use_stacks() {
    kernel_stack_top = stack_top(KernelStack::Kernel);
    tss.rsp[0] = kernel_stack_top;
    for (const IstVector& entry : kIstVectors) {
        tss.ist[ist_index(entry.stack) - 1] = stack_top(entry.stack);
        set_gate(entry.vector, trap_stubs[entry.vector], ist_index(entry.stack));
    }
}

void set_io_ports_allowed(uint32_t first, uint32_t count, bool allowed) {
    for (uint32_t port = first; port < first + count && port < kIoBitmapBytes * 8; ++port) {
        const auto bit = static_cast<uint8_t>(1u << (port % 8));
        tss.io_bitmap[port / 8] = static_cast<uint8_t>(allowed ? tss.io_bitmap[port / 8] & ~bit
                                                               : tss.io_bitmap[port / 8] | bit);
    }
}

}  // namespace kernel
