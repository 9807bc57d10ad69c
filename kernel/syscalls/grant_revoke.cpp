// grant_revoke.cpp — Sys::GrantRevoke(uint64_t grant_id): withdraw one of the
// caller's grants; later copies through it fail with -NotFound.
//
// Entry point: sys_grant_revoke.
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_grant_revoke(Process& caller, const SyscallArgs& args) {
    TRY(caller.grants.revoke(args.arg[0]));
    return done(0);
}

}  // namespace kernel
