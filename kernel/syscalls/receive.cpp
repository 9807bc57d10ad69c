// receive.cpp — Sys::Receive(Endpoint source_or_kAny, Message* buffer): wait
// for a message from `source` (kAny: anyone; kKernel: kernel messages).
//
// Entry point: sys_receive.
#include "ipc/ipc.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

struct ReceiveRequest {
    Endpoint source;
    MessageBuffer buffer;
};

Result<ReceiveRequest> decode_receive(const Process& caller, const SyscallArgs& args) {
    ReceiveRequest request;
    request.source = TRY(decode_endpoint(args.arg[0]));
    if (request.source < 0 && request.source != neurath::kAny) return Error::InvalidArgument;
    request.buffer = TRY(decode_message_buffer(caller, args.arg[1], Access::Write));
    return request;
}

}  // namespace

SyscallResult sys_receive(Process& caller, const SyscallArgs& args) {
    ReceiveRequest request = TRY(decode_receive(caller, args));
    return ipc_receive(caller, request.source, request.buffer);
}

}  // namespace kernel
