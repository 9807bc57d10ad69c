// endpoint_swap.cpp — exchanging the endpoints of two processes (see
// endpoint_swap.h).
//
// Entry point: swap_process_endpoints.
#include "ipc/endpoint_swap.h"

#include "core/log.h"
#include "ipc/ipc.h"
#include "proc/process.h"

namespace kernel {
namespace {

template <typename T>
void exchange(T& x, T& y) {
    T saved = x;
    x = y;
    y = saved;
}

bool busy_in_ipc(const Process& p) {
    if (p.run_state != RunState::Blocked) return false;
    return p.wait == IpcWait::Sending || p.send_then_receive;
}

Result<Process*> live_process(neurath::Endpoint endpoint) {
    int32_t slot = TRY(endpoint_table().lookup(endpoint));
    Process* process = process_table_slot(slot);
    if (process == nullptr) return Error::NoSuchEndpoint;
    return process;
}

void move_name_state(Process& a, Process& b) {
    exchange(a.endpoint, b.endpoint);
    exchange(a.senders_head, b.senders_head);
    exchange(a.senders_tail, b.senders_tail);
    exchange(a.notifications, b.notifications);
    exchange(a.kernel_messages, b.kernel_messages);
}

}  // namespace

Result<void> swap_process_endpoints(neurath::Endpoint a, neurath::Endpoint b) {
    if (a == neurath::kRs || b == neurath::kRs) return Error::PermissionDenied;
    Process* first = TRY(live_process(a));
    Process* second = TRY(live_process(b));
    if (first == second) return Error::InvalidArgument;
    if (busy_in_ipc(*first) || busy_in_ipc(*second)) return Error::Busy;
    TRY(endpoint_table().swap(a, b));
    move_name_state(*first, *second);
    log("proc: %s (pid %lu) now at endpoint %d, %s (pid %lu) at %d\n", first->name, first->pid, first->endpoint,
        second->name, second->pid, second->endpoint);
    ipc_retry_receive(*first);
    ipc_retry_receive(*second);
    return {};
}

}  // namespace kernel
