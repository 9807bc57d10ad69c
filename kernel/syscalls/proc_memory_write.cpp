// proc_memory_write.cpp — Sys::ProcMemoryWrite(Endpoint target, uint64_t
// remote_address, const void* local, uint64_t length): copy from the caller
// into another process's writable user memory (privileged).
//
// Entry point: sys_proc_memory_write. Both ranges are checked page by page
// before the first byte is written (-BadAddress).
#include "syscalls/proc_memory.h"

namespace kernel {

SyscallResult sys_proc_memory_write(Process& caller, const SyscallArgs& args) {
    ProcMemoryRequest request = TRY(decode_proc_memory(args));
    TRY(copy_between_spaces(request.target->space, request.remote_address, caller.space, request.local_address,
                            request.length));
    return done(0);
}

}  // namespace kernel
