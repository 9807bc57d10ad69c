// check_state_read.cpp — the live-update state-read capability
// (SpawnRequest::state_source + ProcMemoryRead) and each process's version.
//
// Entry point: check_state_read.
// A "reader" child performs the reads rs asks for (rs itself has no state
// source, so it cannot read any process's memory).
#include <neurath/version.h>

#include "harness.h"
#include "roles.h"

namespace selftest {
namespace {

constexpr uint64_t kSpawnerCalls = (uint64_t{1} << static_cast<uint64_t>(Sys::ProcSpawn)) |
                                   (uint64_t{1} << static_cast<uint64_t>(Sys::ModuleInfo)) |
                                   (uint64_t{1} << static_cast<uint64_t>(Sys::ModuleRead));

MemoryProbeResult ask_reader(int64_t reader, int32_t type, int64_t target, uint64_t address, uint32_t length) {
    Message m{};
    m.type = type;
    payload_of<MemoryProbe>(m) = MemoryProbe{static_cast<Endpoint>(target), length, address};
    int64_t sent = send_receive(static_cast<Endpoint>(reader), m);
    if (sent != 0) return MemoryProbeResult{sent, {}};
    return payload_of<MemoryProbeResult>(m);
}

int64_t read_result(int64_t reader, int64_t target, uint64_t address = 0x400000) {
    return ask_reader(reader, kReadMemory, target, address, 8).result;
}

bool bytes_equal(const uint8_t* a, const void* b, size_t length) {
    for (size_t i = 0; i < length; ++i) {
        if (a[i] != static_cast<const uint8_t*>(b)[i]) return false;
    }
    return true;
}

int64_t dead_endpoint() {
    int64_t child = spawn_child("exit", "0");
    next_kernel_message();
    return child;
}

void check_granting() {
    ChildOptions options;
    options.state_source = 202;
    expect("state source never used refused", spawn_child("reader", nullptr, options), failure(Error::NoSuchEndpoint));
    options.state_source = static_cast<Endpoint>(dead_endpoint());
    expect("dead state source refused", spawn_child("reader", nullptr, options), failure(Error::NoSuchEndpoint));
    ChildOptions spawner;
    spawner.kernel_calls = kSpawnerCalls;  // may spawn, but may not write other processes' memory
    char text[12];
    spawn_child("spawnreader", number_text(kRs, text), spawner);
    Message report = next_kernel_message();
    expect("only a spawner with ProcMemoryWrite hands out a state source", payload_of<ExitReport>(report).status,
           failure(Error::PermissionDenied));
}

void check_reading() {
    int64_t old_version = spawn_child("waitkernel", nullptr);
    int64_t other = spawn_child("waitkernel", nullptr);
    const char pattern[16] = "old state";
    call(Sys::ProcMemoryWrite, static_cast<uint64_t>(old_version), kRemoteScratch, reinterpret_cast<uint64_t>(pattern),
         sizeof pattern);
    ChildOptions options;
    options.state_source = static_cast<Endpoint>(old_version);
    int64_t reader = spawn_child("reader", nullptr, options);
    expect_true("spawn a reader of the old version", reader >= kFirstUserEndpoint);

    MemoryProbeResult got = ask_reader(reader, kReadMemory, old_version, 0x400000, kMaxProbeBytes);
    expect("state source's image readable", got.result, 0);
    expect_true("its bytes are the image", bytes_equal(got.bytes, own_image(), kMaxProbeBytes));
    got = ask_reader(reader, kReadMemory, old_version, kRemoteScratch, sizeof pattern);
    expect("state source's data readable", got.result, 0);
    expect_true("its data is what was written", bytes_equal(got.bytes, pattern, sizeof pattern));
    expect("another process than the state source refused", read_result(reader, other),
           failure(Error::PermissionDenied));
    expect("unmapped memory of the state source", read_result(reader, old_version, 0x7000000),
           failure(Error::BadAddress));
    expect("writing stays privileged", ask_reader(reader, kWriteMemory, old_version, kRemoteScratch, 8).result,
           failure(Error::PermissionDenied));

    call(Sys::ProcKill, static_cast<uint64_t>(old_version), 0);
    next_kernel_message();
    expect("state source gone", read_result(reader, old_version), failure(Error::DeadEndpoint));
    ChildOptions restart;
    restart.endpoint = static_cast<Endpoint>(old_version);
    expect("restart at the state source's endpoint", spawn_child("waitkernel", nullptr, restart), old_version);
    expect("a restarted process at the same endpoint is not the state source", read_result(reader, old_version),
           failure(Error::PermissionDenied));

    Message quit{};
    quit.type = kQuitEcho;
    send(static_cast<Endpoint>(reader), quit);
    call(Sys::ProcKill, static_cast<uint64_t>(old_version), 0);
    call(Sys::ProcKill, static_cast<uint64_t>(other), 0);
    for (int i = 0; i < 3; ++i) next_kernel_message();
}

void check_versions() {
    uint64_t expected = image_version(static_cast<const uint8_t*>(own_image()), own_image_length());
    const ProcessInfo* rs = process_info(kRs);
    expect_true("rs's version is the hash of its boot module", rs != nullptr && rs->version == expected);
    int64_t child = spawn_child("waitkernel", nullptr);
    const ProcessInfo* info = process_info(child);
    expect_true("a spawned process's version is the hash of its image", info != nullptr && info->version == expected);
    call(Sys::ProcKill, static_cast<uint64_t>(child), 0);
    next_kernel_message();
}

}  // namespace

void check_state_read() {
    check_granting();
    check_reading();
    check_versions();
}

}  // namespace selftest
