// probe.cpp — probe_call(ProbeState*): see probe.h. Written as file-scope
// assembly in a C++ file, so it builds like every other source of a program.
//
// Saves the callee-saved registers, sets RFLAGS, every SSE low half and
// every general register from the state, issues `syscall`, and records
// rsp, every general register, every SSE low half and RFLAGS before
// anything can change them. Then it restores a clean RFLAGS (DF and AC off)
// and the callee-saved registers and returns.
#include "probe.h"

asm(R"(
    .text
    .global probe_call
    .type probe_call, @function
probe_call:
    pushq %rbx
    pushq %rbp
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    mov %rdi, probe_state(%rip)
    mov %rsp, 520(%rdi)  # rsp_before
    movq 240(%rdi), %xmm0
    movq 248(%rdi), %xmm1
    movq 256(%rdi), %xmm2
    movq 264(%rdi), %xmm3
    movq 272(%rdi), %xmm4
    movq 280(%rdi), %xmm5
    movq 288(%rdi), %xmm6
    movq 296(%rdi), %xmm7
    movq 304(%rdi), %xmm8
    movq 312(%rdi), %xmm9
    movq 320(%rdi), %xmm10
    movq 328(%rdi), %xmm11
    movq 336(%rdi), %xmm12
    movq 344(%rdi), %xmm13
    movq 352(%rdi), %xmm14
    movq 360(%rdi), %xmm15
    pushq 496(%rdi)  # rflags_in
    popfq
    pushfq
    popq 504(%rdi)  # rflags_entered (mov and pop leave RFLAGS alone)
    mov 0(%rdi), %rax
    mov 8(%rdi), %rbx
    mov 16(%rdi), %rcx
    mov 24(%rdi), %rdx
    mov 32(%rdi), %rsi
    mov 48(%rdi), %rbp
    mov 56(%rdi), %r8
    mov 64(%rdi), %r9
    mov 72(%rdi), %r10
    mov 80(%rdi), %r11
    mov 88(%rdi), %r12
    mov 96(%rdi), %r13
    mov 104(%rdi), %r14
    mov 112(%rdi), %r15
    mov 40(%rdi), %rdi  # rdi last: it held the state
    syscall
    mov %rsp, probe_rsp_after(%rip)
    mov %rax, probe_rax(%rip)
    mov probe_state(%rip), %rax
    mov %rbx, 128(%rax)
    mov %rcx, 136(%rax)
    mov %rdx, 144(%rax)
    mov %rsi, 152(%rax)
    mov %rdi, 160(%rax)
    mov %rbp, 168(%rax)
    mov %r8, 176(%rax)
    mov %r9, 184(%rax)
    mov %r10, 192(%rax)
    mov %r11, 200(%rax)
    mov %r12, 208(%rax)
    mov %r13, 216(%rax)
    mov %r14, 224(%rax)
    mov %r15, 232(%rax)
    movq %xmm0, 368(%rax)
    movq %xmm1, 376(%rax)
    movq %xmm2, 384(%rax)
    movq %xmm3, 392(%rax)
    movq %xmm4, 400(%rax)
    movq %xmm5, 408(%rax)
    movq %xmm6, 416(%rax)
    movq %xmm7, 424(%rax)
    movq %xmm8, 432(%rax)
    movq %xmm9, 440(%rax)
    movq %xmm10, 448(%rax)
    movq %xmm11, 456(%rax)
    movq %xmm12, 464(%rax)
    movq %xmm13, 472(%rax)
    movq %xmm14, 480(%rax)
    movq %xmm15, 488(%rax)
    mov probe_rax(%rip), %rcx
    mov %rcx, 120(%rax)  # out[Rax]
    mov probe_rsp_after(%rip), %rcx
    mov %rcx, 528(%rax)  # rsp_after
    mov 520(%rax), %rsp  # back to our own stack, whatever happened to rsp
    pushfq
    popq 512(%rax)  # rflags_out
    pushq $0x202
    popfq
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbp
    popq %rbx
    ret
    .size probe_call, . - probe_call

    .bss
    .balign 8
probe_state:
    .quad 0
probe_rax:
    .quad 0
probe_rsp_after:
    .quad 0

    .text
)");
