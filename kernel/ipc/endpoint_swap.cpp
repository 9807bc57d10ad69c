// endpoint_swap.cpp — exchanging the endpoints and roles of two processes
// (see endpoint_swap.h).
//
// Entry point: swap_process_endpoints.
#include "ipc/endpoint_swap.h"

#include "core/log.h"
#include "core/string.h"
#include "ipc/ipc.h"
#include "ipc/update_rules.h"
#include "proc/dma_loans.h"
#include "proc/scheduler.h"

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

// What belongs to the endpoint. IRQ subscriptions are kept by endpoint and
// follow it without being touched.
void move_name_state(Process& a, Process& b) {
    exchange(a.endpoint, b.endpoint);
    exchange(a.senders_head, b.senders_head);
    exchange(a.senders_tail, b.senders_tail);
    exchange(a.notifications, b.notifications);
    exchange(a.kernel_messages, b.kernel_messages);
}

// What the old version held as the server behind the name. Alarms are found
// by scanning the process table and `earliest` bounds the set of deadlines,
// which an exchange does not change.
void move_role(Process& a, Process& b) {
    exchange(a.pid, b.pid);  // an updated program stays the same process to pm, the shell and ps
    exchange(a.supervisor, b.supervisor);
    exchange(a.privileges, b.privileges);
    for (uint32_t i = 0; i < kMaxIoRanges; ++i) exchange(a.io_ranges[i], b.io_ranges[i]);
    exchange(a.io_range_count, b.io_range_count);
    exchange(a.alarm_deadline_ns, b.alarm_deadline_ns);
    dma_loan_on_swap(a, b);  // lent DMA frames belong to whoever now holds the device
    a.state_source_pid = 0;
    b.state_source_pid = 0;
    scheduler_reload_io_bitmap(a);
    scheduler_reload_io_bitmap(b);
}

}  // namespace

Result<void> swap_process_endpoints(const Process& caller, neurath::Endpoint a, neurath::Endpoint b) {
    TRY(check_swap_names(caller.endpoint, a, b));
    Process* first = TRY(live_process(a));
    Process* second = TRY(live_process(b));
    if (busy_in_ipc(*first) || busy_in_ipc(*second)) return Error::Busy;
    TRY(endpoint_table().swap(a, b));
    move_name_state(*first, *second);
    move_role(*first, *second);
    log("proc: %s (pid %lu) now at endpoint %d, %s (pid %lu) at %d\n", first->name, first->pid, first->endpoint,
        second->name, second->pid, second->endpoint);
    ipc_retry_receive(*first);
    ipc_retry_receive(*second);
    return {};
}

}  // namespace kernel
