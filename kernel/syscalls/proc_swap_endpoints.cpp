// proc_swap_endpoints.cpp — Sys::ProcSwapEndpoints(Endpoint a, Endpoint b):
// exchange the endpoints and roles of two live processes (live-update commit;
// what moves is listed in ipc/endpoint_swap.h).
//
// Entry point: sys_proc_swap_endpoints (logic in ipc/endpoint_swap.cpp).
#include "ipc/endpoint_swap.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

struct SwapRequest {
    Endpoint a;
    Endpoint b;
};

Result<SwapRequest> decode_swap(const SyscallArgs& args) {
    SwapRequest request;
    request.a = TRY(decode_endpoint(args.arg[0]));
    request.b = TRY(decode_endpoint(args.arg[1]));
    return request;
}

}  // namespace

SyscallResult sys_proc_swap_endpoints(Process& caller, const SyscallArgs& args) {
    SwapRequest request = TRY(decode_swap(args));
    TRY(swap_process_endpoints(caller, request.a, request.b));
    return done(0);
}

}  // namespace kernel
