// check_limits.cpp — per-process memory limits: SpawnRequest::memory_limit
// bounds the user pages a process holds (image and stack count), a spawn
// whose image and stack do not fit is -MemoryLimit and leaves no process,
// and MapAnonymous past the limit is -MemoryLimit. Runs last: the refused
// spawn consumes an endpoint number, which would shift the fixed endpoints
// the earlier groups expect.
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

}  // namespace

void check_limits() { check_memory_limit(); }

}  // namespace selftest
