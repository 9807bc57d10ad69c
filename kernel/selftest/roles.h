// roles.h — the self-test's child roles and the message types rs and its
// children exchange.
//
// Entry points: run_role(argc, argv); run_update_role(role, argument) (the
// live-update roles, roles_update.cpp; returns only for a role it lacks);
// run_dma_role(role, argument) (DMA loans, roles_dma.cpp; the same).
#pragma once

#include "kernel_calls.h"

namespace selftest {

inline constexpr int32_t kQuitEcho = 999;
inline constexpr int32_t kNotifyRsAndQuit = 998;
inline constexpr int32_t kGrantOffered = 50;
inline constexpr int32_t kGrantRevoked = 51;
inline constexpr int32_t kGrantWritable = 52;
inline constexpr uint64_t kFaultAddress = 0xDEAD000;
inline constexpr uint64_t kMapLimitBase = 0x0000200000000000;  // maplimit's mappings
inline constexpr const char* kWrittenByRs = "written by rs";
// Inside a child's stack, below what it uses: scratch memory rs writes into.
inline constexpr uint64_t kRemoteScratch = 0x00007FFFFFFFC000;

// Live-update roles (roles_update.cpp).
inline constexpr int32_t kProbePrivilege = 60;  // probe: reply with ProcList's result (needs the privilege)
inline constexpr int32_t kProbePort = 61;       // probe: read COM1's line status, reply 0 (#GP without the port)
inline constexpr int32_t kReadMemory = 62;      // reader: ProcMemoryRead as MemoryProbe says
inline constexpr int32_t kWriteMemory = 63;     // reader: ProcMemoryWrite as MemoryProbe says
inline constexpr uint32_t kOldVersionTag = 1;   // probe "old": its notification to rs when its alarm fires
inline constexpr uint32_t kNewVersionTag = 2;   // probe "new": the same
inline constexpr uint64_t kProbeAlarmNs = 250'000'000;
inline constexpr int32_t kFaultExitBase = 1000; // supervise: exit status for a fault report is this + vector
inline constexpr uint32_t kMaxProbeBytes = 40;

// DMA loan roles (roles_dma.cpp).
inline constexpr int32_t kLoanPing = 64;        // dmalender: reply with DmaAlloc's outcome (0: it has its pages)
inline constexpr int32_t kLoanTake = 65;        // dmaborrower: reply with DmaInherit's result
inline constexpr int32_t kLoanRead = 66;        // dmaborrower: reply with the sum of the lent pages' first words
inline constexpr uint64_t kLoanBase = 0x0000300000000000;
inline constexpr uint64_t kLoanPages = 2;
inline constexpr uint64_t kLoanPattern = 0x10AD;

struct MemoryProbe {
    Endpoint target;
    uint32_t length;  // <= kMaxProbeBytes
    uint64_t address;
};
struct MemoryProbeResult {
    int64_t result;
    uint8_t bytes[kMaxProbeBytes];
};

[[noreturn]] void run_role(int argc, char** argv);
void run_update_role(const char* role, const char* argument);
void run_dma_role(const char* role, const char* argument);

}  // namespace selftest
