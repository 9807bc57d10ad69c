// check_limits.cpp — per-process memory limits: SpawnRequest::memory_limit
// bounds the user pages a process holds (image and stack count), a spawn
// whose image and stack do not fit is -MemoryLimit and leaves no process,
// MapAnonymous past the limit is -MemoryLimit, and a new version spawned
// for a live update keeps the limit of the process it replaces. Runs last:
// the refused spawn consumes an endpoint number, which would shift the fixed
// endpoints the earlier groups expect.
//
// Entry point: check_limits.
#include "harness.h"
#include "roles.h"

namespace selftest {
namespace {

int64_t count_processes() {
    static ProcessInfo list[64];
    return call(Sys::ProcList, reinterpret_cast<uint64_t>(list), 64);
}

void check_memory_limit() {
    constexpr int32_t kLimitKib = 2048;
    int64_t before = count_processes();
    SpawnRequest request = make_request("maplimit", nullptr, ChildOptions());
    request.memory_limit = 64 * 1024;  // less than the 256 KiB stack
    expect("spawn under a limit smaller than image and stack", spawn_request(request), failure(Error::MemoryLimit));
    expect("the refused spawn leaves no process", count_processes(), before);
    request = make_request("maplimit", nullptr, ChildOptions());
    request.memory_limit = uint64_t{kLimitKib} * 1024;
    expect_true("spawn under a 2 MiB limit", spawn_request(request) >= kFirstUserEndpoint);
    Message m = next_kernel_message();
    const int32_t mapped_kib = payload_of<ExitReport>(m).status;
    expect_true("maps stop with MemoryLimit below the limit", mapped_kib > 0 && mapped_kib < kLimitKib);
    expect_true("maps reach the limit less image and stack", mapped_kib + 256 + 1024 >= kLimitKib);
}

// A new version spawned for a live update without a limit of its own runs
// under the limit of the process whose state it takes over.
void check_update_keeps_the_limit() {
    ChildOptions old_options;
    SpawnRequest request = make_request("waitkernel", nullptr, old_options);
    request.memory_limit = 1024 * 1024;
    const int64_t old_version = spawn_request(request);
    expect_true("spawn a limited old version", old_version >= kFirstUserEndpoint);
    ChildOptions new_options;
    new_options.state_source = static_cast<Endpoint>(old_version);
    request = make_request("maplimit", nullptr, new_options);
    expect_true("spawn its new version without a limit", spawn_request(request) >= kFirstUserEndpoint);
    Message m = next_kernel_message();
    const int32_t mapped_kib = payload_of<ExitReport>(m).status;
    expect_true("the new version stops at the old one's limit", mapped_kib > 0 && mapped_kib < 1024);
    call(Sys::ProcKill, static_cast<uint64_t>(old_version), 0);
    next_kernel_message();
}

}  // namespace

void check_limits() {
    check_memory_limit();
    check_update_keeps_the_limit();
}

}  // namespace selftest
