// roles.cpp — what the self-test's child processes do, chosen by argv[1].
//
// Entry point: run_role(argc, argv) (never returns). Roles:
//   echo [tag]     reply type+1 and payload <tag>; 999: exit 7; 998: try to
//                  notify rs and exit with the result
//   spin <tag>     busy loop keeping a value in xmm5; notify rs with <tag>
//                  after every round; exit -100 if xmm5 was corrupted
//   sendto <ep>    send one message to <ep>; exit with the result
//   waitkernel     receive from kKernel; exit with the result
//   takeone        receive one message, never answer it, then as waitkernel
//   fault          write to an unmapped address
//   exit <n>       exit with status n
//   ports          enable COM1's ports, read one, then touch port 0x64 (#GP)
//   priv           try ProcList without the privilege; exit with the result
//   grant          lend rs windows of memory through grants (see checks)
//   maplimit       map 64 KiB at a time until a map fails; exit with the KiB
//                  mapped if it failed with MemoryLimit, else -1000 - error
// and the live-update roles of roles_update.cpp.
#include "roles.h"

namespace selftest {
namespace {

[[noreturn]] void echo(int64_t tag) {
    Message m;
    for (;;) {
        if (receive(kAny, m) != 0) continue;
        if (m.type == kQuitEcho) exit(7);
        if (m.type == kNotifyRsAndQuit) exit(static_cast<int32_t>(call(Sys::Notify, kRs, 1)));
        m.type += 1;
        payload_of<int64_t>(m) = tag;
        send(m.source, m);
    }
}

uint64_t read_xmm5() {
    uint64_t value;
    asm volatile("movq %%xmm5, %0" : "=r"(value));
    return value;
}

[[noreturn]] void spin(uint32_t tag) {
    const uint64_t pattern = 0x5EED0000ull + tag;
    asm volatile("movq %0, %%xmm5" : : "r"(pattern) : "xmm5");
    for (;;) {
        for (volatile uint32_t i = 0; i < 20000; i = i + 1) {
        }
        if (read_xmm5() != pattern) exit(-100);
        call(Sys::Notify, kRs, tag);
    }
}

[[noreturn]] void send_to(Endpoint target) {
    Message m{};
    m.type = 5;
    exit(static_cast<int32_t>(send(target, m)));
}

[[noreturn]] void wait_kernel() {
    Message m;
    exit(static_cast<int32_t>(receive(kKernel, m)));
}

// Takes one request and never answers it: its client waits for the reply.
[[noreturn]] void take_one() {
    Message m;
    receive(kAny, m);
    wait_kernel();
}

[[noreturn]] void fault() {
    *reinterpret_cast<volatile uint64_t*>(kFaultAddress) = 1;
    exit(1);
}

uint8_t port_in(uint16_t port) {
    uint8_t value;
    asm volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

[[noreturn]] void ports() {
    if (call(Sys::IoPortEnable, 0x3F8, 8) != 0) exit(1);
    if (call(Sys::IoPortEnable, 0x3FF, 2) != failure(Error::PermissionDenied)) exit(2);  // past the window
    if (call(Sys::IoPortEnable, 0x64, 1) != failure(Error::PermissionDenied)) exit(4);   // outside the window
    (void)port_in(0x3FD);  // allowed: COM1 line status
    (void)port_in(0x64);   // never enabled: general protection fault
    exit(3);
}

[[noreturn]] void grant() {
    static char window[64] = "granted window contents";
    static char writable[32];
    Message m{};
    int64_t id = call(Sys::GrantCreate, kRs, reinterpret_cast<uint64_t>(window), 32, kGrantRead);
    m.type = kGrantOffered;
    payload_of<int64_t>(m) = id;
    send_receive(kRs, m);
    call(Sys::GrantRevoke, static_cast<uint64_t>(id));
    m.type = kGrantRevoked;
    payload_of<int64_t>(m) = id;
    send_receive(kRs, m);
    int64_t write_id = call(Sys::GrantCreate, kRs, reinterpret_cast<uint64_t>(writable), 16, kGrantWrite);
    m.type = kGrantWritable;
    payload_of<int64_t>(m) = write_id;
    send_receive(kRs, m);
    exit(text_equal(writable, kWrittenByRs) ? 0 : 3);
}

[[noreturn]] void map_until_limit() {
    constexpr uint64_t kStep = 64 * 1024;
    for (uint64_t mapped = 0;; mapped += kStep) {
        const int64_t result = call(Sys::MapAnonymous, kMapLimitBase + mapped, kStep);
        if (result == failure(Error::MemoryLimit)) exit(static_cast<int32_t>(mapped / 1024));
        if (result != 0) exit(static_cast<int32_t>(-1000 + result));
    }
}

}  // namespace

void run_role(int argc, char** argv) {
    const char* role = argv[1];
    const char* argument = argc > 2 ? argv[2] : "0";
    if (text_equal(role, "echo")) echo(parse_number(argument));
    if (text_equal(role, "spin")) spin(static_cast<uint32_t>(parse_number(argument)));
    if (text_equal(role, "sendto")) send_to(static_cast<Endpoint>(parse_number(argument)));
    if (text_equal(role, "waitkernel")) wait_kernel();
    if (text_equal(role, "takeone")) take_one();
    if (text_equal(role, "fault")) fault();
    if (text_equal(role, "exit")) exit(static_cast<int32_t>(parse_number(argument)));
    if (text_equal(role, "ports")) ports();
    if (text_equal(role, "priv")) exit(static_cast<int32_t>(call(Sys::ProcList, 0, 0)));
    if (text_equal(role, "grant")) grant();
    if (text_equal(role, "maplimit")) map_until_limit();
    run_update_role(role, argument);
    run_dma_role(role, argument);
    exit(-1);
}

}  // namespace selftest
