// proc_memory_read.cpp — Sys::ProcMemoryRead(Endpoint target, uint64_t
// remote_address, void* local, uint64_t length): copy another process's user
// memory into the caller (live-update state transfer).
//
// Entry point: sys_proc_memory_read. Open to every process, but only for the
// caller's state source: the process (pid) named by SpawnRequest::state_source
// when the caller was spawned; anything else, and every call of a process
// without a state source, is -PermissionDenied. Both ranges are checked page
// by page (-BadAddress); at most kMaxProcMemoryCopy bytes per call (-TooBig).
#include "ipc/update_rules.h"
#include "syscalls/proc_memory.h"

namespace kernel {

SyscallResult sys_proc_memory_read(Process& caller, const SyscallArgs& args) {
    if (caller.state_source_pid == 0) return Error::PermissionDenied;
    ProcMemoryRequest request = TRY(decode_proc_memory(args));
    TRY(check_state_read(caller.state_source_pid, request.target->pid));
    TRY(copy_between_spaces(caller.space, request.local_address, request.target->space, request.remote_address,
                            request.length));
    return done(0);
}

}  // namespace kernel
