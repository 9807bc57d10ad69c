// user_frame.h — what a user process may put into the kernel's flags, and
// what a saved user frame may hold when the kernel resumes it.
//
// Entry points: rflags bit names, kSyscallFlagMask (IA32_FMASK: the flags
// `syscall` clears on entry), kUserSettableFlags, sanitized_user_rflags(),
// sanitize_user_frame().
// Why: a user process controls RFLAGS when it enters the kernel. `syscall`
// keeps every flag FMASK does not clear, so FMASK clears them all (the
// kernel runs with exactly 0x2, like after `pushq $2; popfq` on the other
// entries): NT set on entry made the return `iretq` fault in kernel mode, AC
// would switch SMAP off, DF would run string instructions backwards, TF would
// single-step the kernel. On the way back every frame is rebuilt from what a
// user process may hold: its own arithmetic flags, DF, TF, AC and ID; IF
// always on; IOPL 0; no NT, RF, VM, VIF, VIP; user code and data selectors.
// Pure constexpr logic, compiled in the kernel and the host tests.
#pragma once

#include <stdint.h>

#include <neurath/syscall.h>

#include "arch/trap_frame.h"
#include "memory/paging.h"

namespace kernel::rflags {

inline constexpr uint64_t kCarry = 1ull << 0;
inline constexpr uint64_t kReservedOne = 1ull << 1;  // always reads as 1
inline constexpr uint64_t kParity = 1ull << 2;
inline constexpr uint64_t kAdjust = 1ull << 4;
inline constexpr uint64_t kZero = 1ull << 6;
inline constexpr uint64_t kSign = 1ull << 7;
inline constexpr uint64_t kTrap = 1ull << 8;
inline constexpr uint64_t kInterrupts = 1ull << 9;
inline constexpr uint64_t kDirection = 1ull << 10;
inline constexpr uint64_t kOverflow = 1ull << 11;
inline constexpr uint64_t kIoPrivilege = 3ull << 12;
inline constexpr uint64_t kNestedTask = 1ull << 14;
inline constexpr uint64_t kResume = 1ull << 16;
inline constexpr uint64_t kVirtual8086 = 1ull << 17;
inline constexpr uint64_t kAlignmentCheck = 1ull << 18;
inline constexpr uint64_t kVirtualInterrupt = 1ull << 19;
inline constexpr uint64_t kVirtualInterruptPending = 1ull << 20;
inline constexpr uint64_t kCpuid = 1ull << 21;

inline constexpr uint64_t kArithmetic = kCarry | kParity | kAdjust | kZero | kSign | kOverflow;

}  // namespace kernel::rflags

namespace kernel {

// Every flag that exists except the reserved bit: the kernel is entered by
// `syscall` with RFLAGS == 0x2 (interrupts off, no NT/TF/AC/DF/IOPL).
inline constexpr uint64_t kSyscallFlagMask =
    rflags::kArithmetic | rflags::kTrap | rflags::kInterrupts | rflags::kDirection | rflags::kIoPrivilege |
    rflags::kNestedTask | rflags::kResume | rflags::kVirtual8086 | rflags::kAlignmentCheck |
    rflags::kVirtualInterrupt | rflags::kVirtualInterruptPending | rflags::kCpuid;

// The flags a user process keeps across a kernel entry (it can set each of
// them itself with popfq at CPL 3).
inline constexpr uint64_t kUserSettableFlags =
    rflags::kArithmetic | rflags::kTrap | rflags::kDirection | rflags::kAlignmentCheck | rflags::kCpuid;

static_assert(kUserSettableFlags == neurath::kFlagsKeptAcrossCalls, "the ABI promises exactly these flags");

constexpr uint64_t sanitized_user_rflags(uint64_t saved) {
    return (saved & kUserSettableFlags) | rflags::kInterrupts | rflags::kReservedOne;
}

// Makes `frame` safe to resume with iretq at CPL 3 whatever the process or a
// kernel path left in it. The instruction pointer is not rewritten: it is
// always inside the user range (an entry point checked at spawn, or the
// address after a `syscall` or faulting instruction of user code, which the
// top page of the lower half, never user memory, keeps canonical).
constexpr void sanitize_user_frame(TrapFrame& frame) {
    frame.rflags = sanitized_user_rflags(frame.rflags);
    frame.cs = kUserCode;
    frame.ss = kUserData;
}

}  // namespace kernel
