// main.cpp — the data store server (endpoint kDs): the event loop only;
// requests are handled in handlers.cpp, the store logic is in store.cpp.
// A restart after a crash starts with an empty store (publishers re-publish).
#include <sys/stdio.h>

#include "handlers.h"

namespace {

sys::Result<void> start_fresh(ds::DsState&, const sys::StartInfo& info) {
    sys::log("ds: %s\n", info.kind == sys::StartKind::Restart ? "restarted" : "started");
    return {};
}

ds::DsState state;

}  // namespace

int main(int argc, char** argv) {
    const sys::DispatchTable<ds::DsState> table = ds::make_table();
    sys::Lifecycle<ds::DsState> lifecycle;
    lifecycle.fresh_start = start_fresh;
    sys::run_server("ds", state, table, lifecycle, argc, argv);
}
