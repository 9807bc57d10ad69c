// entry_flags_test.cpp — the flags a user process can carry into and out of
// the kernel (arch/user_frame.h). Regression for the bug where `syscall`
// with NT set (pushfq; orq $0x4000,(%rsp); popfq) panicked the kernel at the
// iretq of the return path, and for frames resumed with kernel-only flags.
#include "arch/user_frame.h"

#include <gtest/gtest.h>

using namespace kernel;

namespace {

TEST(SyscallFlagMask, NestedTaskFlagFromUserIsClearedOnEntry) {
    EXPECT_EQ(kSyscallFlagMask & rflags::kNestedTask, rflags::kNestedTask);
}

TEST(SyscallFlagMask, KernelIsEnteredWithOnlyTheReservedBit) {
    uint64_t every_user_flag = 0x3F7FD7;  // every defined flag a user could ever hold, plus bit 1
    EXPECT_EQ(every_user_flag & ~kSyscallFlagMask, rflags::kReservedOne);
    for (uint64_t flag : {rflags::kTrap, rflags::kInterrupts, rflags::kDirection, rflags::kAlignmentCheck,
                          rflags::kIoPrivilege, rflags::kResume, rflags::kCarry}) {
        EXPECT_EQ(kSyscallFlagMask & flag, flag) << std::hex << flag;
    }
    EXPECT_EQ(kSyscallFlagMask, 0x3F7FD5u);
}

TEST(UserFrame, NestedTaskAndPrivilegedFlagsNeverReachIretq) {
    uint64_t hostile = rflags::kNestedTask | rflags::kIoPrivilege | rflags::kVirtual8086 | rflags::kResume |
                       rflags::kVirtualInterrupt | rflags::kVirtualInterruptPending | rflags::kReservedOne;
    EXPECT_EQ(sanitized_user_rflags(hostile), rflags::kInterrupts | rflags::kReservedOne);
}

TEST(UserFrame, InterruptsAreAlwaysOnInUserMode) {
    EXPECT_TRUE(sanitized_user_rflags(0) & rflags::kInterrupts);
    EXPECT_TRUE(sanitized_user_rflags(0) & rflags::kReservedOne);
}

TEST(UserFrame, FlagsTheUserOwnsSurvive) {
    uint64_t own = rflags::kArithmetic | rflags::kDirection | rflags::kAlignmentCheck | rflags::kTrap | rflags::kCpuid;
    EXPECT_EQ(sanitized_user_rflags(own), own | rflags::kInterrupts | rflags::kReservedOne);
}

TEST(UserFrame, SelectorsAreForcedToUserCodeAndData) {
    TrapFrame frame{};
    frame.cs = kKernelCode;
    frame.ss = kKernelData;
    frame.rflags = rflags::kNestedTask;
    frame.rip = 0x401000;
    sanitize_user_frame(frame);
    EXPECT_EQ(frame.cs, kUserCode);
    EXPECT_EQ(frame.ss, kUserData);
    EXPECT_EQ(frame.rflags, rflags::kInterrupts | rflags::kReservedOne);
    EXPECT_EQ(frame.rip, 0x401000u);
    EXPECT_TRUE(from_user_mode(frame));
}

// A `syscall` whose last byte is the last byte of user memory returns to
// kUserEnd, which must be canonical, or iretq would fault in kernel mode.
TEST(UserRange, SyscallAtTheTopOfUserMemoryReturnsToACanonicalAddress) {
    EXPECT_LT(kUserEnd, kCanonicalLowerEnd);
    EXPECT_EQ(kUserEnd % kPageSize, 0u);
    EXPECT_LE(kUserStackTop, kUserEnd);
}

}  // namespace
