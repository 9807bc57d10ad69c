// main.cpp — /bin/denied: checks that the kernel enforces a user program's
// privilege profile. It tries an IPC send to endpoints its profile does not
// list and several privileged kernel calls, and prints what it got, e.g.
// "send to rs: permission denied". Then it asks pm to kill what a program
// does not own: its parent (the shell, init), a server (vfs), and every
// endpoint given as an argument (`denied 17 18`: e.g. a sibling job).
//
// Entry point: main. Exit status 0 when every attempt was refused with
// PermissionDenied, 1 otherwise (a hole in the profile or in pm's ownership
// rules). Every attempt is harmless should it be allowed, but the kills:
// those would end their target (init would be started again by pm).
#include <neurath/endpoint.h>
#include <protocol/common.h>
#include <sys/call.h>
#include <sys/kcall.h>
#include <sys/pm_client.h>
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

constexpr int32_t kKillStatus = 9;

// A decimal endpoint number, or -1.
int32_t endpoint_of(const char* text) {
    int32_t value = 0;
    if (*text == '\0') return -1;
    for (; *text; ++text) {
        if (*text < '0' || *text > '9' || value >= neurath::kMaxEndpoints) return -1;
        value = value * 10 + (*text - '0');
    }
    return value < neurath::kMaxEndpoints ? value : -1;
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
    // pm's ownership rules: a program owns only its descendants.
    const sys::Result<sys::pm::GetPidReply> self = sys::pm::getpid();
    if (self.is_error() || self.value().parent == neurath::kNone) {
        printf("pm kill of the parent: no parent known to pm\n");
        ++tally.allowed;
    } else {
        record(tally, "pm kill of the parent", sys::pm::kill(self.value().parent, kKillStatus));
    }
    record(tally, "pm kill of vfs", sys::pm::kill(neurath::kVfs, kKillStatus));
    for (int i = 1; i < argc; ++i) {
        const int32_t endpoint = endpoint_of(argv[i]);
        if (endpoint < 0) {
            printf("denied: %s: not an endpoint\n", argv[i]);
            return 2;
        }
        char what[48];
        snprintf(what, sizeof what, "pm kill of endpoint %d", endpoint);
        record(tally, what, sys::pm::kill(endpoint, kKillStatus));
    }
    record(tally, "DmaAlloc", status_of(sys::dma_alloc(reinterpret_cast<void*>(0x0000300000000000), 4096)));
    printf("denied: %u refused, %u allowed\n", tally.refused, tally.allowed);
    return tally.allowed == 0 ? 0 : 1;
}
