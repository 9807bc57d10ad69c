// main.cpp — /bin/denied: checks that the kernel enforces a user program's
// privilege profile. It tries an IPC send to endpoints its profile does not
// list and several privileged kernel calls, and prints what it got, e.g.
// "send to rs: permission denied".
//
// Entry point: main. Exit status 0 when every attempt was refused with
// PermissionDenied, 1 otherwise (a hole in the profile). Every attempt is
// harmless should it be allowed.
#include <neurath/endpoint.h>
#include <protocol/common.h>
#include <sys/call.h>
#include <sys/kcall.h>
#include <sys/stdio.h>

namespace {

using neurath::error_name;

struct Tally {
    uint32_t refused = 0;
    uint32_t allowed = 0;
};

// Only PermissionDenied counts as refused: any other outcome means the
// kernel let the call through to its normal checks.
void record(Tally& tally, const char* what, const sys::Result<void>& result) {
    if (result.is_error()) {
        printf("%s: %s\n", what, error_name(result.error()));
    } else {
        printf("%s: allowed\n", what);
    }
    if (result.is_error() && result.error() == neurath::Error::PermissionDenied) {
        ++tally.refused;
    } else {
        ++tally.allowed;
    }
}

template <typename T>
sys::Result<void> status_of(const sys::Result<T>& result) {
    if (result.is_error()) return result.error();
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    Tally tally;
    // IPC: user programs may not talk to the supervisor directly.
    record(tally, "send to rs", sys::call_status(neurath::kRs, protocol::common::kPing, protocol::common::Empty{}));
    record(tally, "notify rs", sys::notify(neurath::kRs, 0));
    // Privileged kernel calls: harmless ones, should they ever be allowed.
    record(tally, "IoPortEnable", sys::io_port_enable(0x3f8, 8));
    record(tally, "IrqSubscribe", sys::irq_subscribe(4));
    neurath::ProcessInfo info[1];
    record(tally, "ProcList", status_of(sys::proc_list(info, 1)));
    neurath::ModuleDescriptor module{};
    record(tally, "ModuleInfo", sys::module_info(0, module));
    record(tally, "ProcKill", sys::proc_kill(neurath::kNone, 1));  // no such target either way
    record(tally, "DmaAlloc", status_of(sys::dma_alloc(reinterpret_cast<void*>(0x0000300000000000), 4096)));
    printf("denied: %u refused, %u allowed\n", tally.refused, tally.allowed);
    return tally.allowed == 0 ? 0 : 1;
}
