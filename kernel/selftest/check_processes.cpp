// check_processes.cpp — spawn validation, exit and fault reports, restart at
// the same endpoint, kill, process list, privileges, I/O ports and writing
// another process's memory.
//
// Entry point: check_processes.
#include "harness.h"
#include "roles.h"

namespace selftest {
namespace {

constexpr uint64_t kIoPortEnableBit = uint64_t{1} << static_cast<uint64_t>(Sys::IoPortEnable);

int64_t count_processes() {
    static ProcessInfo list[64];
    return call(Sys::ProcList, reinterpret_cast<uint64_t>(list), 64);
}

void check_spawn_validation() {
    int64_t before = count_processes();
    SpawnRequest request = make_request("exit", "0", ChildOptions());
    request.image_length = 100;
    expect("spawn truncated image", spawn_request(request), failure(Error::BadExecutable));
    static uint8_t corrupt[256];
    memcpy(corrupt, own_image(), sizeof corrupt);
    corrupt[18] = 3;  // e_machine: i386
    request = make_request("exit", "0", ChildOptions());
    request.image = corrupt;
    request.image_length = sizeof corrupt;
    expect("spawn wrong machine", spawn_request(request), failure(Error::BadExecutable));
    request = make_request("exit", "0", ChildOptions());
    request.image = reinterpret_cast<const void*>(0x10);
    expect("spawn image at a bad address", spawn_request(request), failure(Error::BadAddress));
    ChildOptions bad_priority;
    bad_priority.priority = 8;
    expect("spawn priority 8", spawn_child("exit", "0", bad_priority), failure(Error::InvalidArgument));
    ChildOptions taken;
    taken.endpoint = kRs;
    expect("spawn at a live endpoint", spawn_child("exit", "0", taken), failure(Error::AlreadyExists));
    expect("refused spawns leave no process", count_processes(), before);
}

void check_exit_and_fault() {
    int64_t child = spawn_child("exit", "42");
    expect_true("spawn exit child", child >= kFirstUserEndpoint);
    Message m = next_kernel_message();
    expect("exit report type", m.type, kmsg::kProcessExited);
    expect("exit report from kKernel", m.source, kKernel);
    expect("exit report endpoint", payload_of<ExitReport>(m).endpoint, child);
    expect("exit report status", payload_of<ExitReport>(m).status, 42);

    int64_t faulty = spawn_child("fault", nullptr);
    m = next_kernel_message();
    expect("fault report type", m.type, kmsg::kProcessFaulted);
    expect("fault report endpoint", payload_of<FaultReport>(m).endpoint, faulty);
    expect("fault report vector", payload_of<FaultReport>(m).vector, 14);
    expect("fault report address", static_cast<int64_t>(payload_of<FaultReport>(m).fault_address),
           static_cast<int64_t>(kFaultAddress));
    Message probe{};
    expect("send to the dead endpoint", send(static_cast<Endpoint>(faulty), probe), failure(Error::DeadEndpoint));

    ChildOptions same;
    same.endpoint = static_cast<Endpoint>(faulty);
    same.may_send_to_rs = false;
    expect("restart at the dead endpoint keeps the name", spawn_child("echo", nullptr, same), faulty);
    probe.type = 10;
    expect("restarted process answers", send_receive(static_cast<Endpoint>(faulty), probe), 0);
    expect("reply allowed without send permission", probe.type, 11);
    expect("reply source", probe.source, faulty);
    probe.type = kNotifyRsAndQuit;
    expect("ask echo to notify without permission", send(static_cast<Endpoint>(faulty), probe), 0);
    m = next_kernel_message();
    expect("notify without permission was denied", payload_of<ExitReport>(m).status,
           failure(Error::PermissionDenied));
}

void check_kill_and_list() {
    int64_t waiter = spawn_child("waitkernel", nullptr);
    static ProcessInfo list[64];
    int64_t count = call(Sys::ProcList, reinterpret_cast<uint64_t>(list), 64);
    bool rs_running = false, waiter_listed = false;
    for (int64_t i = 0; i < count; ++i) {
        if (list[i].endpoint == kRs) rs_running = list[i].state == ProcState::Running && text_equal(list[i].name, "rs");
        if (list[i].endpoint == waiter) waiter_listed = list[i].supervisor == kRs && list[i].pid > 1;
    }
    expect_true("process list shows rs running", rs_running);
    expect_true("process list shows the child", waiter_listed);
    expect("process list capacity 1", call(Sys::ProcList, reinterpret_cast<uint64_t>(list), 1), 1);
    expect("process list into bad memory", call(Sys::ProcList, 0x10, 4), failure(Error::BadAddress));
    expect("kill rs refused", call(Sys::ProcKill, kRs, 0), failure(Error::PermissionDenied));
    expect("kill child", call(Sys::ProcKill, static_cast<uint64_t>(waiter), 99), 0);
    Message m = next_kernel_message();
    expect("kill report status", payload_of<ExitReport>(m).status, 99);
    expect("kill a dead endpoint", call(Sys::ProcKill, static_cast<uint64_t>(waiter), 0), failure(Error::DeadEndpoint));
}

void check_privileges_and_ports() {
    spawn_child("priv", nullptr);
    Message m = next_kernel_message();
    expect("privileged call without privilege", payload_of<ExitReport>(m).status, failure(Error::PermissionDenied));
    ChildOptions with_ports;
    with_ports.kernel_calls = kIoPortEnableBit;
    spawn_child("ports", nullptr, with_ports);
    m = next_kernel_message();
    expect("port outside the enabled range faults", m.type, kmsg::kProcessFaulted);
    expect("port fault is a general protection fault", payload_of<FaultReport>(m).vector, 13);
}

// Children at rs's priority run (and end) while rs yields, so their reports
// wait in rs's kernel-message queue.
void check_report_queue() {
    ChildOptions at_rs_priority;
    at_rs_priority.priority = 0;
    int64_t first = spawn_child("exit", "1", at_rs_priority);
    int64_t second = spawn_child("exit", "2", at_rs_priority);
    int64_t third = spawn_child("exit", "3", at_rs_priority);
    call(Sys::Yield);
    Message a = next_kernel_message();
    Message b = next_kernel_message();
    Message c = next_kernel_message();
    expect_true("queued reports arrive in order",
                payload_of<ExitReport>(a).endpoint == first && payload_of<ExitReport>(b).endpoint == second &&
                    payload_of<ExitReport>(c).endpoint == third);
}

// Writing another process's memory is privileged (rs has it); reading it
// needs a state-read capability, which rs does not have (check_state_read).
void check_process_memory() {
    int64_t child = spawn_child("waitkernel", nullptr);
    const char pattern[16] = "remote pattern";
    char back[16] = {};
    expect("write into another process", call(Sys::ProcMemoryWrite, static_cast<uint64_t>(child), kRemoteScratch,
                                              reinterpret_cast<uint64_t>(pattern), sizeof pattern), 0);
    expect("write unmapped remote memory", call(Sys::ProcMemoryWrite, static_cast<uint64_t>(child), 0x7000000,
                                                reinterpret_cast<uint64_t>(pattern), 8), failure(Error::BadAddress));
    expect("write read-only remote memory", call(Sys::ProcMemoryWrite, static_cast<uint64_t>(child), 0x400000,
                                                 reinterpret_cast<uint64_t>(pattern), 8), failure(Error::BadAddress));
    expect("read without a state source refused, even for rs",
           call(Sys::ProcMemoryRead, static_cast<uint64_t>(child), kRemoteScratch, reinterpret_cast<uint64_t>(back),
                sizeof back), failure(Error::PermissionDenied));
    call(Sys::ProcKill, static_cast<uint64_t>(child), 0);
    next_kernel_message();
    expect("write a dead process", call(Sys::ProcMemoryWrite, static_cast<uint64_t>(child), kRemoteScratch,
                                        reinterpret_cast<uint64_t>(pattern), 8), failure(Error::DeadEndpoint));
}

}  // namespace

void check_processes() {
    check_spawn_validation();
    check_exit_and_fault();
    check_kill_and_list();
    check_privileges_and_ports();
    check_report_queue();
    check_process_memory();
}

}  // namespace selftest
