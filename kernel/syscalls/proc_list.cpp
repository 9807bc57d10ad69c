// proc_list.cpp — Sys::ProcList(ProcessInfo* out, uint64_t capacity) ->
// entries written: live processes and dead endpoints (state Dead), by
// endpoint order.
//
// Entry point: sys_proc_list.
#include "core/string.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

struct ListRequest {
    uint64_t out;
    uint64_t capacity;
};

Result<ListRequest> decode_list(const Process& caller, const SyscallArgs& args) {
    ListRequest request{args.arg[0], args.arg[1]};
    if (request.capacity > neurath::kMaxEndpoints) request.capacity = neurath::kMaxEndpoints;
    TRY(check_user_range(caller.space, request.out, request.capacity * sizeof(neurath::ProcessInfo), Access::Write));
    return request;
}

bool describe(Endpoint endpoint, neurath::ProcessInfo& info) {
    EndpointStatus status = endpoint_table().status(endpoint);
    if (status == EndpointStatus::Free) return false;
    fill_bytes(&info, 0, sizeof info);
    info.endpoint = endpoint;
    copy_name(info.name, sizeof info.name, endpoint_table().name_of(endpoint), neurath::kNameLength);
    Result<Process*> live = live_process(endpoint);
    if (live.is_error()) {
        info.state = neurath::ProcState::Dead;
        info.supervisor = neurath::kNone;
        return true;
    }
    const Process* process = live.value();
    info.supervisor = process->supervisor;
    info.state = proc_state_of(*process);
    info.priority = process->priority;
    info.pid = process->pid;
    info.cpu_ticks = process->cpu_ticks;
    info.version = process->version;
    info.user_pages = process->space.user_pages();
    info.server_permissions = process->privileges.server_permissions;
    return true;
}

}  // namespace

SyscallResult sys_proc_list(Process& caller, const SyscallArgs& args) {
    ListRequest request = TRY(decode_list(caller, args));
    uint64_t written = 0;
    for (Endpoint endpoint = 1; endpoint < neurath::kMaxEndpoints && written < request.capacity; ++endpoint) {
        neurath::ProcessInfo info;
        if (!describe(endpoint, info)) continue;
        TRY(write_user(caller.space, UserPtr<neurath::ProcessInfo>(request.out).offset(written), info));
        ++written;
    }
    return done(static_cast<int64_t>(written));
}

}  // namespace kernel
