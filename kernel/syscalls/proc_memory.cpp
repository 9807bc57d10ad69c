// proc_memory.cpp — the decode step shared by ProcMemoryRead and
// ProcMemoryWrite (see proc_memory.h).
//
// Entry point: decode_proc_memory.
#include "syscalls/proc_memory.h"

namespace kernel {

Result<ProcMemoryRequest> decode_proc_memory(const SyscallArgs& args) {
    Endpoint endpoint = TRY(decode_endpoint(args.arg[0]));
    Process* target = TRY(live_process(endpoint));
    if (args.arg[3] > kMaxProcMemoryCopy) return Error::TooBig;
    return ProcMemoryRequest{target, args.arg[1], args.arg[2], args.arg[3]};
}

}  // namespace kernel
