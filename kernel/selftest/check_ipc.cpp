// check_ipc.cpp — deadlock detection over a chain of blocked senders,
// partners of a dying process getting -DeadEndpoint, the non-blocking send
// replies use, and endpoint swaps
// (the name and its clients; the role and the refusals are in check_swap.cpp).
//
// Entry point: check_ipc.
// Children run at rs's priority, so rs's Yield lets each of them run until
// it blocks.
#include "harness.h"
#include "roles.h"

namespace selftest {
namespace {

void check_deadlock_chain() {
    char text[12];
    int64_t b = spawn_child("sendto", number_text(kRs, text), same_priority());  // b -> rs
    call(Sys::Yield);
    int64_t a = spawn_child("sendto", number_text(b, text), same_priority());  // a -> b
    call(Sys::Yield);
    expect("chain: b blocked sending", static_cast<int64_t>(state_of(b)), static_cast<int64_t>(ProcState::Sending));
    expect("chain: a blocked sending", static_cast<int64_t>(state_of(a)), static_cast<int64_t>(ProcState::Sending));
    Message m{};
    expect("send closing rs -> a -> b -> rs is refused", send(static_cast<Endpoint>(a), m), failure(Error::Deadlock));
    expect("receive from b specifically", receive(static_cast<Endpoint>(b), m), 0);
    expect("message from b", m.source, b);
    Message report = next_kernel_message();
    expect("b finished its send", payload_of<ExitReport>(report).status, 0);
    report = next_kernel_message();
    expect("a, still sending to b when b exited, got DeadEndpoint",
           payload_of<ExitReport>(report).status, failure(Error::DeadEndpoint));
    expect("receive from a dead endpoint", receive(static_cast<Endpoint>(a), m), failure(Error::DeadEndpoint));
    expect("receive from a never-used endpoint", receive(201, m), failure(Error::NoSuchEndpoint));
}

void check_dead_partner() {
    char text[12];
    int64_t waiter = spawn_child("waitkernel", nullptr, same_priority());
    int64_t sender = spawn_child("sendto", number_text(waiter, text), same_priority());
    call(Sys::Yield);
    expect("sender blocked on the waiter", static_cast<int64_t>(state_of(sender)),
           static_cast<int64_t>(ProcState::Sending));
    expect("waiter blocked receiving", static_cast<int64_t>(state_of(waiter)),
           static_cast<int64_t>(ProcState::Receiving));
    expect("kill the waiter", call(Sys::ProcKill, static_cast<uint64_t>(waiter), 5), 0);
    Message report = next_kernel_message();
    expect("waiter's report first", payload_of<ExitReport>(report).endpoint, waiter);
    report = next_kernel_message();
    expect("blocked sender got DeadEndpoint", payload_of<ExitReport>(report).status, failure(Error::DeadEndpoint));

    int64_t server = spawn_child("takeone", nullptr, same_priority());
    int64_t client = spawn_child("ask", number_text(server, text), same_priority());
    call(Sys::Yield);
    expect("client waits for the reply its server took", static_cast<int64_t>(state_of(client)),
           static_cast<int64_t>(ProcState::SendReceiving));
    expect("kill the server that owes a reply", call(Sys::ProcKill, static_cast<uint64_t>(server), 5), 0);
    report = next_kernel_message();
    expect("server's report first", payload_of<ExitReport>(report).endpoint, server);
    report = next_kernel_message();
    expect("client waiting for its reply got DeadEndpoint", payload_of<ExitReport>(report).status,
           failure(Error::DeadEndpoint));
}

// SendNonBlocking, the servers' reply: delivered only to a process waiting
// for the sender, otherwise refused at once with nothing queued.
void check_nonblocking_send() {
    char text[12];
    Message m{};
    int64_t sender = spawn_child("sendto", number_text(kRs, text), same_priority());
    int64_t waiter = spawn_child("waitkernel", nullptr, same_priority());
    call(Sys::Yield);
    expect("non-blocking send to a process blocked sending", send_nonblocking(static_cast<Endpoint>(sender), m),
           failure(Error::NotReceiving));
    expect("non-blocking send to a process receiving from another", send_nonblocking(static_cast<Endpoint>(waiter), m),
           failure(Error::NotReceiving));
    expect("it still waits for the kernel: nothing was queued", static_cast<int64_t>(state_of(waiter)),
           static_cast<int64_t>(ProcState::Receiving));
    expect("take the sender's message", receive(static_cast<Endpoint>(sender), m), 0);
    Message report = next_kernel_message();
    expect("sender done", payload_of<ExitReport>(report).endpoint, sender);
    call(Sys::ProcKill, static_cast<uint64_t>(waiter), 0);
    report = next_kernel_message();

    int64_t asker = spawn_child("ask", number_text(kRs, text), same_priority());
    expect("receive the asker's request", receive(static_cast<Endpoint>(asker), m), 0);
    expect("asker waits for its reply", static_cast<int64_t>(state_of(asker)),
           static_cast<int64_t>(ProcState::SendReceiving));
    m.type = 0;
    expect("the reply reaches a process waiting for it", send_nonblocking(static_cast<Endpoint>(asker), m), 0);
    report = next_kernel_message();
    expect("asker got its reply", payload_of<ExitReport>(report).status, 0);
    expect("non-blocking send to a dead endpoint", send_nonblocking(static_cast<Endpoint>(asker), m),
           failure(Error::DeadEndpoint));
    expect("non-blocking send to a never-used endpoint", send_nonblocking(203, m), failure(Error::NoSuchEndpoint));
}

int64_t ask(Endpoint endpoint) {
    Message m{};
    m.type = 1;
    if (send_receive(endpoint, m) != 0) return -1;
    return payload_of<int64_t>(m);
}

// The live-update commit: the new version takes over the old endpoint.
void check_endpoint_swap() {
    ChildOptions old_version = same_priority();
    old_version.endpoint = 40;
    ChildOptions new_version = same_priority();
    new_version.endpoint = 41;
    expect("spawn old version at 40", spawn_child("echo", "1", old_version), 40);
    expect("spawn new version at 41", spawn_child("echo", "2", new_version), 41);
    expect("40 answers as the old version", ask(40), 1);
    expect("swap 40 and 41", call(Sys::ProcSwapEndpoints, 40, 41), 0);
    expect("40 now answers as the new version", ask(40), 2);
    expect("41 now answers as the old version", ask(41), 1);
    expect("swap with a never-used endpoint", call(Sys::ProcSwapEndpoints, 40, 202), failure(Error::NoSuchEndpoint));
    expect("swap with itself", call(Sys::ProcSwapEndpoints, 40, 40), failure(Error::InvalidArgument));
    call(Sys::ProcKill, 41, 0);
    Message report = next_kernel_message();
    expect("old version retired", payload_of<ExitReport>(report).endpoint, 41);
    expect("40 still answers after the old version is gone", ask(40), 2);
    call(Sys::ProcKill, 40, 0);
    report = next_kernel_message();
}

}  // namespace

void check_ipc() {
    check_deadlock_chain();
    check_dead_partner();
    check_nonblocking_send();
    check_endpoint_swap();
}

}  // namespace selftest
