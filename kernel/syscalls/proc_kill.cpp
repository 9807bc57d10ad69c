// proc_kill.cpp — Sys::ProcKill(Endpoint target, int32_t status): end a
// process; its supervisor gets kmsg::kProcessExited with `status`.
//
// Entry point: sys_proc_kill. rs (the supervisor of everything) cannot be
// killed this way (-PermissionDenied).
#include "proc/lifecycle.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

struct KillRequest {
    Process* target;
    int32_t status;
};

Result<KillRequest> decode_kill(const SyscallArgs& args) {
    Endpoint endpoint = TRY(decode_endpoint(args.arg[0]));
    Process* target = TRY(live_process(endpoint));
    if (endpoint == neurath::kRs) return Error::PermissionDenied;
    return KillRequest{target, static_cast<int32_t>(args.arg[1])};
}

}  // namespace

SyscallResult sys_proc_kill(Process& caller, const SyscallArgs& args) {
    KillRequest request = TRY(decode_kill(args));
    bool killing_self = request.target == &caller;
    terminate_process(*request.target, Ending{EndingKind::Killed, request.status, {}});
    if (killing_self) return CallOutcome::deferred();
    return done(0);
}

}  // namespace kernel
