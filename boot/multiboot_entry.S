// multiboot_entry.S — Multiboot1 and Multiboot2 headers and the 32-bit entry
// stub that switches the CPU to long mode and calls the C++ kernel.
//
// Entry point: _start32 (physical address, 32-bit protected mode, paging off,
// eax = boot loader magic, ebx = physical address of the boot information).
// The stub builds boot page tables that map the first 4 GiB of physical
// memory three times: identity (only for the jump), at the direct-map base
// 0xFFFF800000000000 and at the kernel base 0xFFFFFFFF80000000 (first 1 GiB),
// enables PAE, long mode, NX and paging, and calls
// kernel_entry(magic, info) on the boot stack in the higher half.

#define KERNEL_VMA 0xFFFFFFFF80000000
#define PHYS(symbol) ((symbol) - KERNEL_VMA)

#define MB1_MAGIC 0x1BADB002
#define MB1_FLAGS 0x00010003  /* page-align modules, memory map, a.out kludge */
#define MB2_MAGIC 0xE85250D6

    .section .multiboot, "a"
    .balign 4
multiboot1_header:
    .long MB1_MAGIC
    .long MB1_FLAGS
    .long -(MB1_MAGIC + MB1_FLAGS)
    .long multiboot1_header      // header_addr
    .long __load_start_phys      // load_addr
    .long __load_end_phys        // load_end_addr
    .long __bss_end_phys         // bss_end_addr
    .long _start32               // entry_addr

    .balign 8
multiboot2_header:
    .long MB2_MAGIC
    .long 0                      // architecture: i386 protected mode
    .long multiboot2_end - multiboot2_header
    .long 0x100000000 - (MB2_MAGIC + (multiboot2_end - multiboot2_header))
    // entry address tag (type 3)
    .short 3, 0
    .long 12
    .long _start32
    .long 0                      // pad to 8 bytes
    // end tag
    .short 0, 0
    .long 8
multiboot2_end:

    .section .boot.text, "ax"
    .code32
    .global _start32
_start32:
    cli
    cld
    mov %eax, %edi               // keep magic and info for kernel_entry
    mov %ebx, %esi
    mov $PHYS(boot_stack_top), %esp

    // Zero the boot page tables (6 pages: PML4, 2 PDPTs, ... see below).
    mov $PHYS(boot_page_tables), %ebx
    mov %ebx, %edx
    mov $(7 * 4096 / 4), %ecx
    xor %eax, %eax
1:  mov %eax, (%edx)
    add $4, %edx
    dec %ecx
    jnz 1b

    // Layout: +0 PML4, +4K low/direct PDPT, +8K high PDPT, +12K..+28K four PDs.
    // PDs: 2048 entries of 2 MiB pages covering 0..4 GiB.
    lea 12288(%ebx), %edx
    xor %ecx, %ecx
2:  mov %ecx, %eax
    shl $21, %eax
    or $0x83, %eax               // present, writable, 2 MiB page
    mov %eax, (%edx,%ecx,8)
    inc %ecx
    cmp $2048, %ecx
    jne 2b

    // Low PDPT: four PDs.
    lea 4096(%ebx), %edx
    lea (12288 + 3)(%ebx), %eax
    mov %eax, 0(%edx)
    add $4096, %eax
    mov %eax, 8(%edx)
    add $4096, %eax
    mov %eax, 16(%edx)
    add $4096, %eax
    mov %eax, 24(%edx)

    // High PDPT: entry 510 maps the first GiB at KERNEL_VMA.
    lea 8192(%ebx), %edx
    lea (12288 + 3)(%ebx), %eax
    mov %eax, (510 * 8)(%edx)

    // PML4: [0] identity, [256] direct map, [511] kernel image.
    lea (4096 + 3)(%ebx), %eax
    mov %eax, 0(%ebx)
    mov %eax, (256 * 8)(%ebx)
    lea (8192 + 3)(%ebx), %eax
    mov %eax, (511 * 8)(%ebx)

    mov %ebx, %cr3
    mov %cr4, %eax
    or $(1 << 5), %eax           // PAE
    mov %eax, %cr4
    mov $0xC0000080, %ecx        // EFER
    rdmsr
    or $((1 << 8) | (1 << 11)), %eax  // long mode enable, no-execute enable
    wrmsr
    mov %cr0, %eax
    or $((1 << 31) | (1 << 16) | 1), %eax  // paging, write protect, protected mode
    mov %eax, %cr0

    lgdt boot_gdt_pointer
    ljmp $0x08, $long_mode_start

    .code64
long_mode_start:
    mov $0x10, %eax
    mov %eax, %ds
    mov %eax, %es
    mov %eax, %ss
    xor %eax, %eax
    mov %eax, %fs
    mov %eax, %gs
    mov %edi, %edi               // zero-extend magic and info
    mov %esi, %esi
    movabs $boot_stack_top, %rsp
    movabs $kernel_entry, %rax
    call *%rax
3:  cli
    hlt
    jmp 3b

    .section .boot.rodata, "a"
    .balign 8
boot_gdt:
    .quad 0
    .quad 0x00AF9A000000FFFF     // 64-bit kernel code
    .quad 0x00CF92000000FFFF     // kernel data
boot_gdt_end:
boot_gdt_pointer:
    .short boot_gdt_end - boot_gdt - 1
    .long boot_gdt

    .section .bss
    .balign 4096
    .global boot_page_tables
boot_page_tables:
    .skip 7 * 4096
    .balign 16
boot_stack:
    .skip 32768
    .global boot_stack_top
boot_stack_top:
