// crt0.S — process entry. The kernel enters _start with rdi = argc,
// rsi = argv and a valid user stack; we align the stack, clear the frame
// pointer (end of backtraces) and hand over to libsys_start (program_start.cpp),
// which never returns.
    .section .text._start, "ax", @progbits
    .global _start
    .type _start, @function
_start:
    xorl %ebp, %ebp
    andq $-16, %rsp
    call libsys_start
    ud2
    .size _start, . - _start
    .section .note.GNU-stack, "", @progbits
