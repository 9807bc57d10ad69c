// debug_write.cpp — Sys::DebugWrite(const char* text, uint64_t length): write
// bytes to the kernel console.
//
// Entry point: sys_debug_write. Length is capped at kMaxDebugWrite.
#include "core/log.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

constexpr uint64_t kMaxDebugWrite = 4096;

struct DebugWriteRequest {
    uint64_t text;
    uint64_t length;
};

Result<DebugWriteRequest> decode_debug_write(const Process& caller, const SyscallArgs& args) {
    DebugWriteRequest request{args.arg[0], args.arg[1]};
    if (request.length > kMaxDebugWrite) return Error::TooBig;
    TRY(check_user_range(caller.space, request.text, request.length, Access::Read));
    return request;
}

}  // namespace

SyscallResult sys_debug_write(Process& caller, const SyscallArgs& args) {
    DebugWriteRequest request = TRY(decode_debug_write(caller, args));
    char chunk[256];
    for (uint64_t done_bytes = 0; done_bytes < request.length;) {
        uint64_t size = request.length - done_bytes < sizeof chunk ? request.length - done_bytes : sizeof chunk;
        TRY(copy_from_user(caller.space, chunk, request.text + done_bytes, size));
        log_write(chunk, size);
        done_bytes += size;
    }
    return done(static_cast<int64_t>(request.length));
}

}  // namespace kernel
