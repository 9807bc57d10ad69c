// proc_memory_read.cpp — Sys::ProcMemoryRead(Endpoint target, uint64_t
// remote_address, void* local, uint64_t length): copy another process's user
// memory into the caller (privileged: state transfer, checkpoints).
//
// Entry point: sys_proc_memory_read. Both ranges are checked page by page
// (-BadAddress); at most kMaxProcMemoryCopy bytes per call (-TooBig).
#include "syscalls/proc_memory.h"

namespace kernel {

SyscallResult sys_proc_memory_read(Process& caller, const SyscallArgs& args) {
    ProcMemoryRequest request = TRY(decode_proc_memory(args));
    TRY(copy_between_spaces(caller.space, request.local_address, request.target->space, request.remote_address,
                            request.length));
    return done(0);
}

}  // namespace kernel
