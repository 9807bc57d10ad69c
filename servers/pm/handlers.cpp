// handlers.cpp — pm's requests (spawn, wait, kill, getpid, process list) and
// the kernel's exit/fault reports for the user processes pm supervises.
#include "handlers.h"

#include <sys/cstring.h>
#include <protocol/tty.h>
#include <protocol/vfs.h>
#include <sys/grant.h>
#include <sys/kernel_processes.h>
#include <sys/stdio.h>
#include <protocol/inet.h>

#include "ownership.h"
#include "spawn.h"

namespace pm {
namespace pp = protocol::pm;
namespace pv = protocol::vfs;
using neurath::Error;
using neurath::Message;
using neurath::payload_of;
using sys::Disposition;

namespace {

Result<Disposition> handle_spawn(PmState& state, const Message& request, Message& reply) {
    const auto& in = payload_of<pp::SpawnRequest>(request);
    char path[pv::kMaxPath];
    TRY(sys::copy_string_from_grant(request.source, in.path, path, sizeof path));
    if (in.args.length > neurath::kArgBlockSize) return Error::TooBig;
    char args[neurath::kArgBlockSize];
    TRY(sys::copy_from_grant(request.source, in.args, 0, args, in.args.length));
    if (in.args.length > 0 && args[in.args.length - 1] != '\0') return Error::InvalidArgument;
    const Spawned spawned = TRY(spawn_program(state, path, args, static_cast<uint32_t>(in.args.length), request.source));
    payload_of<pp::SpawnReply>(reply) = {spawned.endpoint, 0, spawned.pid};
    return Disposition::Reply;
}

void fill_wait_reply(const ProcessRecord& record, Message& reply) {
    reply.type = protocol::kReplyOk;
    payload_of<pp::WaitReply>(reply) = {record.endpoint, record.status, record.kind, 0, record.pid};
}

Result<Disposition> handle_wait(PmState& state, const Message& request, Message& reply) {
    const Endpoint child = payload_of<pp::WaitRequest>(request).child;
    auto zombie = state.processes.take_zombie(request.source, child);
    if (zombie.ok()) {
        fill_wait_reply(zombie.value(), reply);
        return Disposition::Reply;
    }
    if (!state.processes.has_child(request.source, child)) return Error::NoChild;
    TRY(state.processes.add_waiter(request.source, child));
    return Disposition::Deferred;
}

Result<Disposition> handle_kill(PmState& state, const Message& request, Message&) {
    const auto& in = payload_of<pp::KillRequest>(request);
    TRY(check_kill(state.processes, request.source, in.target, state.init_endpoint));
    state.processes.find_live(in.target)->kill_requested = true;
    TRY(sys::proc_kill(in.target, in.status));
    return Disposition::Reply;
}

Result<Disposition> handle_getpid(PmState& state, const Message& request, Message& reply) {
    const ProcessRecord* record = state.processes.find_live(request.source);
    auto& out = payload_of<pp::GetPidReply>(reply);
    out.endpoint = request.source;
    out.pid = record ? record->pid : 0;
    out.parent = record ? record->parent : neurath::kNone;
    return Disposition::Reply;
}

pp::ProcessEntry entry_of(const PmState& state, const neurath::ProcessInfo& info) {
    pp::ProcessEntry entry;
    sys::str::memset(&entry, 0, sizeof entry);
    sys::str::strlcpy(entry.name, info.name, sizeof entry.name);
    entry.pid = info.pid;
    entry.endpoint = info.endpoint;
    const ProcessRecord* record = state.processes.find_live(info.endpoint);
    entry.parent = record ? record->parent : neurath::kNone;
    entry.state = info.state;
    entry.priority = info.priority;
    entry.cpu_ticks = info.cpu_ticks;
    entry.version = info.version;
    entry.user_pages = info.user_pages;
    return entry;
}

// Lists the processes that exist (the kernel's table also keeps dead slots).
Result<Disposition> handle_process_list(PmState& state, const Message& request, Message& reply) {
    const auto& in = payload_of<pp::ProcessListRequest>(request);
    const sys::KernelProcesses kernel = TRY(sys::read_kernel_processes());
    const neurath::ProcessInfo* processes = kernel.entries;
    const uint64_t slots = kernel.count;
    const uint64_t capacity = in.entries.length / sizeof(pp::ProcessEntry);
    uint32_t written = 0;
    uint32_t alive = 0;
    for (uint64_t i = 0; i < slots; ++i) {
        if (processes[i].state == neurath::ProcState::Dead) continue;
        ++alive;
        if (written == capacity) continue;
        const pp::ProcessEntry entry = entry_of(state, processes[i]);
        TRY(sys::copy_to_grant(request.source, in.entries, written * sizeof entry, &entry, sizeof entry));
        ++written;
    }
    payload_of<pp::ProcessListReply>(reply) = {written, alive};
    return Disposition::Reply;
}

// Tells vfs to close the files of an ended process, tty to drop a line read
// it may still hold for it, and inet (when the machine has it) to close its
// sockets. None of them ever calls pm, so pm waiting for them can never close
// a cycle of calls (the kernel would refuse it with Deadlock).
void release_files(Endpoint endpoint) {
    Message to_vfs{};
    to_vfs.type = pv::kProcessGone;
    payload_of<pv::ProcessGoneRequest>(to_vfs).endpoint = endpoint;
    (void)sys::sendrec(neurath::kVfs, to_vfs);
    Message to_tty{};
    to_tty.type = protocol::tty::kProcessGone;
    payload_of<protocol::tty::ProcessGoneRequest>(to_tty).endpoint = endpoint;
    (void)sys::sendrec(neurath::kTty, to_tty);
    Message to_inet{};  // without inet (no network device) the call fails at once
    to_inet.type = protocol::inet::kProcessGone;
    payload_of<protocol::inet::ProcessGoneRequest>(to_inet).endpoint = endpoint;
    (void)sys::sendrec(protocol::inet::kInet, to_inet);
}

// Init (the console's shell) comes back however often it ends: a system
// without it has no console.
void restart_init_if_needed(PmState& state, Endpoint endpoint) {
    if (endpoint != state.init_endpoint) return;
    state.init_endpoint = neurath::kNone;
    ++state.init_restarts;
    sys::log("pm: %s ended; starting it again (restart %u)\n", state.manifest.init, state.init_restarts);
    start_init(state);
}

// Bookkeeping for an ended user process: close its files, hand its live
// children to init, answer a pending wait from its parent (collecting the
// zombie), restart init if it was init.
void process_ended(PmState& state, Endpoint endpoint, int32_t status, ExitKind kind) {
    release_files(endpoint);
    if (endpoint != state.init_endpoint) state.processes.hand_children_to(endpoint, state.init_endpoint);
    ProcessRecord* record = state.processes.record_end(endpoint, status, kind);
    if (record) {
        auto waiter = state.processes.take_waiter_for(*record);
        if (waiter.ok()) {
            Message reply{};
            fill_wait_reply(*record, reply);
            (void)state.processes.take_zombie(record->parent, record->endpoint);
            (void)sys::send_reply(waiter.value().waiter, reply);
        }
    }
    restart_init_if_needed(state, endpoint);
}

Result<Disposition> handle_exited(PmState& state, const Message& request, Message&) {
    const auto& report = payload_of<neurath::ExitReport>(request);
    process_ended(state, report.endpoint, report.status, ExitKind::Exited);
    return Disposition::NoReply;
}

Result<Disposition> handle_faulted(PmState& state, const Message& request, Message&) {
    const auto& report = payload_of<neurath::FaultReport>(request);
    const ProcessRecord* record = state.processes.find_live(report.endpoint);
    sys::log("pm: %s (endpoint %d) crashed: vector %u at rip %p, address %p\n", record ? record->name : "?",
             report.endpoint, report.vector, reinterpret_cast<void*>(report.instruction),
             reinterpret_cast<void*>(report.fault_address));
    process_ended(state, report.endpoint, static_cast<int32_t>(report.vector), ExitKind::Faulted);
    return Disposition::NoReply;
}

}  // namespace

Result<void> start_fresh(PmState& state, const sys::StartInfo& info) {
    sys::log("pm: %s\n", info.kind == sys::StartKind::Restart ? "restarted" : "started");
    load_profiles(state);
    if (info.kind == sys::StartKind::Fresh) start_init(state);
    else adopt_running_programs(state);
    return {};
}

sys::DispatchTable<PmState> make_table() {
    sys::DispatchTable<PmState> table(protocol::kPmBase);
    table.on(pp::kSpawn, handle_spawn)
        .on(pp::kWait, handle_wait)
        .on(pp::kKill, handle_kill)
        .on(pp::kGetPid, handle_getpid)
        .on(pp::kProcessList, handle_process_list)
        .on(neurath::kmsg::kProcessExited, handle_exited)
        .on(neurath::kmsg::kProcessFaulted, handle_faulted);
    return table;
}

}  // namespace pm
