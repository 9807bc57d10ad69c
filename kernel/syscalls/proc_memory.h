// proc_memory.h — shared decode step of ProcMemoryRead / ProcMemoryWrite:
// the target process and the two address ranges.
//
// Entry point: decode_proc_memory(args).
#pragma once

#include "syscalls/handlers.h"

namespace kernel {

inline constexpr uint64_t kMaxProcMemoryCopy = 64ull << 20;

struct ProcMemoryRequest {
    Process* target;
    uint64_t remote_address;
    uint64_t local_address;
    uint64_t length;
};

// args: (Endpoint target, uint64_t remote_address, local, uint64_t length)
Result<ProcMemoryRequest> decode_proc_memory(const SyscallArgs& args);

}  // namespace kernel
