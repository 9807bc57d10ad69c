// safe_copy.cpp — the grant lookup shared by SafeCopyFrom and SafeCopyTo.
//
// Entry point: decode_safe_copy.
#include "syscalls/safe_copy.h"

namespace kernel {

Result<SafeCopyRequest> decode_safe_copy(const Process& caller, const SyscallArgs& args, uint32_t access) {
    Endpoint granter_endpoint = TRY(decode_endpoint(args.arg[0]));
    Process* granter = TRY(live_process(granter_endpoint));
    SafeCopyRequest request;
    request.granter = granter;
    request.length = args.arg[4];
    request.local_address = args.arg[3];
    request.granter_address = TRY(granter->grants.resolve(args.arg[1], caller.endpoint, args.arg[2], request.length, access));
    return request;
}

}  // namespace kernel
