// trap_entry.S — kernel entry and exit paths.
//
// Entry points: trap_stubs (table of 48 IDT stubs: exceptions 0-31, IRQs
// 32-47), syscall_entry (LSTAR target), enter_user_frame(frame) (start
// running a process's saved frame).
// Exceptions and IRQs build a TrapFrame (see trap_frame.h) on the stack the
// CPU chose (the kernel stack, or an IST stack for #DB, NMI, #DF, #MC),
// clear every flag (`pushq $2; popfq`: no AC, DF, NT from the interrupted
// code) and call trap_dispatch(TrapFrame*); `syscall` (every flag cleared by
// FMASK, see arch/user_frame.h) stores the caller's registers straight into
// the running process's saved frame (current_frame_top, kept by
// set_current_process) and calls syscall_from_user() on the kernel stack.
// Both return the frame to resume: the same frame when the kernel itself
// was interrupted (return_to_kernel pops it in place), or the saved,
// sanitized frame of the process the scheduler chose (return_to_user pops
// its registers, then copies rip/cs/rflags/rsp/ss to the top of the empty
// kernel stack and runs iretq there, so that even a faulting iretq pushes
// its exception frame on a real stack, never on the process table). The
// kernel never returns to user mode with sysret.

    .text
    .code64

// The general registers in TrapFrame order (rax first, r15 last on top).
.macro PUSH_GENERAL_REGISTERS
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
.endm

.macro STUB_NOERR n
    .balign 16
stub_\n:
    pushq $0
    pushq $\n
    jmp trap_common
.endm

.macro STUB_ERR n
    .balign 16
stub_\n:
    pushq $\n
    jmp trap_common
.endm

// TrapFrame offsets of what the CPU pushes (after 15 registers, vector, error code).
#define FRAME_RIP 136
#define FRAME_CS 144
#define FRAME_RFLAGS 152
#define FRAME_RSP 160
#define FRAME_SS 168

.macro POP_GENERAL_REGISTERS
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
.endm

trap_common:
    PUSH_GENERAL_REGISTERS
    pushq $2
    popfq
    mov %rsp, %rdi
    call trap_dispatch
    mov %rax, %rsp
    testb $3, FRAME_CS(%rsp)
    jnz return_to_user
return_to_kernel:
    POP_GENERAL_REGISTERS
    add $16, %rsp
    iretq

// rsp = a process's saved frame (in the process table). The kernel stack is
// empty whenever the kernel returns to user mode.
return_to_user:
    mov kernel_stack_top(%rip), %rax
    mov FRAME_RIP(%rsp), %rcx
    mov %rcx, -40(%rax)
    mov FRAME_CS(%rsp), %rcx
    mov %rcx, -32(%rax)
    mov FRAME_RFLAGS(%rsp), %rcx
    mov %rcx, -24(%rax)
    mov FRAME_RSP(%rsp), %rcx
    mov %rcx, -16(%rax)
    mov FRAME_SS(%rsp), %rcx
    mov %rcx, -8(%rax)
    POP_GENERAL_REGISTERS
    mov kernel_stack_top(%rip), %rsp
    sub $40, %rsp
    iretq

    .global syscall_entry
syscall_entry:
    mov %rsp, syscall_user_rsp(%rip)
    mov current_frame_top(%rip), %rsp   // just past the running process's TrapFrame
    pushq $0x1b                 // user ss
    pushq syscall_user_rsp(%rip)
    pushq %r11                  // user rflags
    pushq $0x23                 // user cs
    pushq %rcx                  // user rip
    pushq $0
    pushq $0x100                // kSyscallVector
    PUSH_GENERAL_REGISTERS
    mov kernel_stack_top(%rip), %rsp
    call syscall_from_user
    mov %rax, %rsp
    jmp return_to_user

    .global enter_user_frame
enter_user_frame:
    mov %rdi, %rsp
    jmp return_to_user

STUB_NOERR 0
STUB_NOERR 1
STUB_NOERR 2
STUB_NOERR 3
STUB_NOERR 4
STUB_NOERR 5
STUB_NOERR 6
STUB_NOERR 7
STUB_ERR 8
STUB_NOERR 9
STUB_ERR 10
STUB_ERR 11
STUB_ERR 12
STUB_ERR 13
STUB_ERR 14
STUB_NOERR 15
STUB_NOERR 16
STUB_ERR 17
STUB_NOERR 18
STUB_NOERR 19
STUB_NOERR 20
STUB_ERR 21
STUB_NOERR 22
STUB_NOERR 23
STUB_NOERR 24
STUB_NOERR 25
STUB_NOERR 26
STUB_NOERR 27
STUB_NOERR 28
STUB_ERR 29
STUB_ERR 30
STUB_NOERR 31
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
STUB_NOERR \n
.endr

    .section .rodata
    .balign 8
    .global trap_stubs
trap_stubs:
.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .quad stub_\n
.endr
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
    .quad stub_\n
.endr

    .bss
    .balign 8
syscall_user_rsp:
    .quad 0
