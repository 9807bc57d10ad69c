// safe_copy_to.cpp — Sys::SafeCopyTo(Endpoint granter, uint64_t grant_id,
// uint64_t offset, const void* local, uint64_t length): copy from the caller
// into the granter's window (write access needed).
//
// Entry point: sys_safe_copy_to.
#include <neurath/syscall.h>

#include "syscalls/safe_copy.h"

namespace kernel {

SyscallResult sys_safe_copy_to(Process& caller, const SyscallArgs& args) {
    SafeCopyRequest request = TRY(decode_safe_copy(caller, args, neurath::kGrantWrite));
    TRY(copy_between_spaces(request.granter->space, request.granter_address, caller.space, request.local_address,
                            request.length));
    return done(0);
}

}  // namespace kernel
