// safe_copy.h — shared decode step of SafeCopyFrom / SafeCopyTo: find the
// granter and resolve the grant window for the caller.
//
// Entry point: decode_safe_copy(caller, args, access).
#pragma once

#include "syscalls/handlers.h"

namespace kernel {

struct SafeCopyRequest {
    Process* granter;
    uint64_t granter_address;  // inside the granter's window
    uint64_t local_address;    // in the caller
    uint64_t length;
};

// args: (Endpoint granter, uint64_t grant_id, uint64_t offset, local, uint64_t length)
Result<SafeCopyRequest> decode_safe_copy(const Process& caller, const SyscallArgs& args, uint32_t access);

}  // namespace kernel
