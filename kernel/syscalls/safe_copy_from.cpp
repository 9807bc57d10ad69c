// safe_copy_from.cpp — Sys::SafeCopyFrom(Endpoint granter, uint64_t grant_id,
// uint64_t offset, void* local, uint64_t length): copy from the granter's
// window (read access needed) into the caller.
//
// Entry point: sys_safe_copy_from.
#include <neurath/syscall.h>

#include "syscalls/safe_copy.h"

namespace kernel {

SyscallResult sys_safe_copy_from(Process& caller, const SyscallArgs& args) {
    SafeCopyRequest request = TRY(decode_safe_copy(caller, args, neurath::kGrantRead));
    TRY(copy_between_spaces(caller.space, request.local_address, request.granter->space, request.granter_address,
                            request.length));
    return done(0);
}

}  // namespace kernel
