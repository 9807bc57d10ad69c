// lifecycle.cpp — spawn and termination of processes (see lifecycle.h).
//
// Entry points: spawn_process, terminate_process.
#include "proc/lifecycle.h"

#include "arch/pci_bus_master.h"
#include "core/log.h"
#include "core/string.h"
#include "ipc/ipc.h"
#include "ipc/irq_routing.h"
#include "proc/dma_loans.h"
#include "proc/elf_loader.h"
#include "proc/image_version.h"
#include "proc/scheduler.h"

namespace kernel {
namespace {

Result<Endpoint> choose_endpoint(Endpoint requested) {
    if (requested == neurath::kNone) return endpoint_table().allocate_user();
    if (!EndpointTable::in_range(requested)) return Error::InvalidArgument;
    if (endpoint_table().status(requested) == EndpointStatus::Live) return Error::AlreadyExists;
    return requested;
}

Result<void> check_plan(const SpawnPlan& plan) {
    if (plan.priority < 0 || plan.priority >= static_cast<int32_t>(kPriorityLevels)) return Error::InvalidArgument;
    if (plan.supervisor != neurath::kKernel && !EndpointTable::in_range(plan.supervisor)) return Error::InvalidArgument;
    if (plan.args_length > neurath::kArgBlockSize) return Error::InvalidArgument;
    return {};
}

Result<void> build_process(Process& process, const SpawnPlan& plan, const ImageSource& source, const ElfLayout& layout,
                           uint64_t version) {
    process.space = TRY(AddressSpace::create());
    process.space.set_page_limit(plan.page_limit);
    TRY(load_executable(process.space, source, layout));
    TRY(build_user_stack(process.space, plan.args, plan.args_length, process.frame));
    process.frame.rip = layout.entry;
    copy_name(process.name, sizeof process.name, plan.name, sizeof plan.name);
    process.privileges = plan.privileges;
    process.priority = plan.priority;
    process.supervisor = plan.supervisor;
    process.state_source_pid = plan.state_source_pid;
    process.version = version;
    fpu_init_state(process);
    return {};
}

const char* ending_text(EndingKind kind) {
    switch (kind) {
    case EndingKind::Exited: return "exited";
    case EndingKind::Killed: return "was killed";
    case EndingKind::Faulted: return "faulted";
    }
    return "ended";
}

void report_to_supervisor(Endpoint supervisor, Endpoint endpoint, const Ending& ending) {
    if (supervisor == neurath::kKernel) return;
    neurath::Message message{};
    if (ending.kind == EndingKind::Faulted) {
        message.type = neurath::kmsg::kProcessFaulted;
        neurath::payload_of<neurath::FaultReport>(message) = ending.fault;
    } else {
        message.type = neurath::kmsg::kProcessExited;
        neurath::payload_of<neurath::ExitReport>(message) = neurath::ExitReport{endpoint, ending.status};
    }
    post_kernel_message(supervisor, message);
}

// Grants other processes made to the one that ended go with it: its
// endpoint may later name another process (a restart, or a reused user
// endpoint), which must not inherit them.
void revoke_grants_to(Endpoint ended) {
    for (int32_t slot = 0; slot < kMaxProcesses; ++slot) {
        Process* granter = process_table_slot(slot);
        if (granter != nullptr) granter->grants.revoke_grantee(ended);
    }
}

// Everything the process held in the kernel apart from its IPC partners:
// grants it made and grants made to it, its alarm, IRQ lines, scheduling,
// and every frame of its memory.
void release_resources(Process& process) {
    process.grants.clear();
    revoke_grants_to(process.endpoint);
    process.alarm_deadline_ns = 0;
    irq_forget(process.endpoint);
    scheduler_forget(process);
    // DMA memory lent to or borrowed from another version of it ends here;
    // then a driver's device, which may still be writing into its DMA
    // buffers, is stopped before those frames can be handed to anyone else.
    dma_loan_on_end(process);
    if (process.privileges.pci_device != 0) pci_stop_bus_mastering(process.privileges.pci_device);
    process.space.destroy();
}

}  // namespace

Result<Process*> spawn_process(const SpawnPlan& plan, const ImageSource& source) {
    TRY(check_plan(plan));
    ElfLayout layout = TRY(read_and_validate(source));
    uint64_t version = TRY(image_version_of(source));
    Endpoint endpoint = TRY(choose_endpoint(plan.endpoint));
    Process* process = process_allocate_slot();
    if (process == nullptr) return Error::NoSpace;
    Result<void> built = build_process(*process, plan, source, layout, version);
    if (built.is_error()) {
        process->space.destroy();
        process_release_slot(*process);
        return built.error();
    }
    process->endpoint = endpoint;
    process->pid = process_next_pid();
    if (endpoint_table().bind(endpoint, process->slot, process->name).is_error()) panic("endpoint %d bind", endpoint);
    scheduler_make_ready(*process);
    if (endpoint < neurath::kFirstUserEndpoint) {
        log("proc: started %s pid %lu at endpoint %d\n", process->name, process->pid, endpoint);
    }
    return process;
}

void terminate_process(Process& process, const Ending& ending) {
    if (process.endpoint == neurath::kRs) {
        panic("rs (pid %lu) %s with status %d; the system cannot continue", process.pid, ending_text(ending.kind),
              ending.status);
    }
    if (process.endpoint < neurath::kFirstUserEndpoint || ending.kind != EndingKind::Exited || ending.status != 0) {
        log("proc: %s pid %lu at endpoint %d %s (status %d)\n", process.name, process.pid, process.endpoint,
            ending_text(ending.kind), ending.status);
    }
    ipc_on_death(process);
    release_resources(process);
    process.run_state = RunState::Dead;
    endpoint_table().mark_dead(process.endpoint);
    Endpoint supervisor = process.supervisor;
    Endpoint endpoint = process.endpoint;
    process_release_slot(process);
    report_to_supervisor(supervisor, endpoint, ending);
}

}  // namespace kernel
