// notify.cpp — Sys::Notify(Endpoint destination, uint32_t tag): set bit `tag`
// pending at the destination without blocking.
//
// Entry point: sys_notify.
#include "ipc/ipc.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

struct NotifyRequest {
    Endpoint destination;
    uint32_t tag;
};

Result<NotifyRequest> decode_notify(const SyscallArgs& args) {
    NotifyRequest request;
    request.destination = TRY(decode_endpoint(args.arg[0]));
    if (args.arg[1] >= 64) return Error::InvalidArgument;
    request.tag = static_cast<uint32_t>(args.arg[1]);
    return request;
}

}  // namespace

SyscallResult sys_notify(Process& caller, const SyscallArgs& args) {
    NotifyRequest request = TRY(decode_notify(args));
    return ipc_notify(caller, request.destination, request.tag);
}

}  // namespace kernel
