// roles.h — the self-test's child roles and the message types rs and its
// children exchange.
//
// Entry point: run_role(argc, argv).
#pragma once

#include "kernel_calls.h"

namespace selftest {

inline constexpr int32_t kQuitEcho = 999;
inline constexpr int32_t kNotifyRsAndQuit = 998;
inline constexpr int32_t kGrantOffered = 50;
inline constexpr int32_t kGrantRevoked = 51;
inline constexpr int32_t kGrantWritable = 52;
inline constexpr uint64_t kFaultAddress = 0xDEAD000;
inline constexpr const char* kWrittenByRs = "written by rs";

[[noreturn]] void run_role(int argc, char** argv);

}  // namespace selftest
