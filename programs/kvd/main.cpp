// main.cpp — /bin/kvd, the key-value service (protocol/kv.h): the event
// loop only; requests are handled in handlers.cpp, the records live in
// records.cpp. Built on the same server framework as the system servers, so
// its receive is a quiescent point and it can be live-updated (to
// /bin/kvd.v2, built from this folder and versions/v2.patch).
//
// Start it in the background (`kvd &`); it binds its endpoint in ds under
// protocol::kv::kServiceName, where clients (kvload) find it, and logs
// "kvd: ready" on the console. If the name is held by another endpoint
// (another kvd, or one that ended), it says so and exits.
#include <sys/ds_client.h>
#include <sys/kcall.h>
#include <sys/stdio.h>

#include "handlers.h"

namespace {

sys::Result<void> register_in_ds() {
    const neurath::Endpoint self = sys::self_endpoint();
    const sys::Result<void> bound = sys::ds::bind(protocol::kv::kServiceName, self);
    if (bound.ok()) return {};
    sys::log("kvd: cannot bind \"%s\" in ds: %s\n", protocol::kv::kServiceName, neurath::error_name(bound.error()));
    const sys::Result<neurath::Endpoint> holder = sys::ds::resolve(protocol::kv::kServiceName);
    if (holder.ok())
        sys::log("kvd: \"%s\" is bound to endpoint %d (another kvd?)\n", protocol::kv::kServiceName, holder.value());
    return bound.error();
}

sys::Result<void> start_fresh(kvd::KvState& state, const sys::StartInfo&) {
    state.records.init();
    TRY(register_in_ds());
    sys::log("kvd: ready at endpoint %d (v1: 32-bit values)\n", sys::self_endpoint());
    return {};
}

// The new version of a live update: its state comes from the old version,
// and the endpoint (so the ds binding) stays the same.
sys::Result<void> start_updated(kvd::KvState&, const sys::StartInfo&) {
    sys::log("kvd: running as the new version at endpoint %d\n", sys::self_endpoint());
    return {};
}

kvd::KvState state;

}  // namespace

int main(int argc, char** argv) {
    const sys::DispatchTable<kvd::KvState> table = kvd::make_table();
    sys::Lifecycle<kvd::KvState> lifecycle;
    lifecycle.fresh_start = start_fresh;
    lifecycle.update = start_updated;
    sys::run_server("kvd", state, table, lifecycle, argc, argv);
}
