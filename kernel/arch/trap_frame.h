// trap_frame.h — the register frame saved on every entry to the kernel
// (exception, IRQ or `syscall`), laid out exactly as trap_entry.S pushes it.
//
// Entry points: TrapFrame, kSyscallVector, selectors, from_user_mode().
#pragma once

#include <stdint.h>

namespace kernel {

struct TrapFrame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error_code;
    uint64_t rip, cs, rflags, rsp, ss;  // pushed by the CPU (or by syscall_entry)
};
static_assert(sizeof(TrapFrame) == 22 * 8);
// trap_entry.S's FRAME_RIP .. FRAME_SS.
static_assert(__builtin_offsetof(TrapFrame, rip) == 136 && __builtin_offsetof(TrapFrame, cs) == 144 &&
              __builtin_offsetof(TrapFrame, rflags) == 152 && __builtin_offsetof(TrapFrame, rsp) == 160 &&
              __builtin_offsetof(TrapFrame, ss) == 168);

inline constexpr uint64_t kSyscallVector = 0x100;  // not a real IDT vector
inline constexpr uint16_t kKernelCode = 0x08;
inline constexpr uint16_t kKernelData = 0x10;
inline constexpr uint16_t kUserData = 0x18 | 3;
inline constexpr uint16_t kUserCode = 0x20 | 3;
inline constexpr uint16_t kTssSelector = 0x28;
inline constexpr uint64_t kRflagsInterrupts = 1ull << 9;

inline bool from_user_mode(const TrapFrame& frame) { return (frame.cs & 3) == 3; }

}  // namespace kernel
