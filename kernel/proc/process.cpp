// process.cpp — the process table and the endpoint table instance.
//
// Entry points: see process.h.
#include "proc/process.h"

#include "core/string.h"

extern "C" {
uint64_t current_frame_top = 0;
}

namespace kernel {
namespace {

Process processes[kMaxProcesses];
bool slot_taken[kMaxProcesses];
EndpointTable endpoints;
void set_running(Process* process) {
    detail::running_process = process;
    current_frame_top = process != nullptr ? reinterpret_cast<uint64_t>(&process->frame + 1) : 0;
}
uint64_t last_pid = 0;

void reset(Process& process, int32_t slot) {
    process.slot = slot;
    process.pid = 0;
    process.endpoint = neurath::kNone;
    process.supervisor = neurath::kKernel;
    fill_bytes(process.name, 0, sizeof process.name);
    fill_bytes(&process.privileges, 0, sizeof process.privileges);
    process.version = 0;
    process.state_source_pid = 0;
    process.run_state = RunState::Free;
    process.priority = 0;
    fill_bytes(&process.frame, 0, sizeof process.frame);
    process.space = AddressSpace();
    fill_bytes(process.io_ranges, 0, sizeof process.io_ranges);
    process.io_range_count = 0;
    process.dma_pages = 0;
    process.slice_left = 0;
    process.cpu_ticks = 0;
    process.alarm_deadline_ns = 0;
    process.next_ready = nullptr;
    process.queued = false;
    process.wait = IpcWait::None;
    process.send_then_receive = false;
    process.send_target = neurath::kNone;
    process.receive_source = neurath::kNone;
    process.receive_buffer = 0;
    process.receive_alias = nullptr;
    process.senders_head = process.senders_tail = process.next_sender = nullptr;
    process.notifications.clear();
    process.kernel_messages.clear();
    process.grants.clear();
}

}  // namespace

Process* detail::running_process = nullptr;

EndpointTable& endpoint_table() { return endpoints; }

Process* process_table_slot(int32_t slot) {
    if (slot < 0 || slot >= kMaxProcesses || !slot_taken[slot]) return nullptr;
    return &processes[slot];
}

Result<Process*> live_process(Endpoint endpoint) {
    int32_t slot = TRY(endpoints.lookup(endpoint));
    Process* process = process_table_slot(slot);
    if (process == nullptr) return Error::NoSuchEndpoint;
    return process;
}

Process* process_allocate_slot() {
    for (int32_t slot = 0; slot < kMaxProcesses; ++slot) {
        if (slot_taken[slot]) continue;
        slot_taken[slot] = true;
        reset(processes[slot], slot);
        return &processes[slot];
    }
    return nullptr;
}

void process_release_slot(Process& process) {
    if (detail::running_process == &process) set_running(nullptr);
    slot_taken[process.slot] = false;
    process.run_state = RunState::Free;
}

uint64_t process_next_pid() { return ++last_pid; }

void set_current_process(Process* process) { set_running(process); }

neurath::ProcState proc_state_of(const Process& process) {
    using neurath::ProcState;
    switch (process.run_state) {
    case RunState::Runnable: return &process == detail::running_process ? ProcState::Running : ProcState::Ready;
    case RunState::Dead:
    case RunState::Free: return ProcState::Dead;
    case RunState::Blocked: break;
    }
    if (process.send_then_receive) return ProcState::SendReceiving;
    return process.wait == IpcWait::Sending ? ProcState::Sending : ProcState::Receiving;
}

}  // namespace kernel
