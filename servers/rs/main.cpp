// main.cpp — rs, the supervisor (endpoint kRs): the event loop only. Started
// by the kernel; its fresh-start hook loads etc/system.conf from the boot
// image and starts every service (handlers.cpp); restarts follow the
// kernel's exit and fault reports.
#include "handlers.h"

namespace {
rs::RsState state;
}  // namespace

int main(int argc, char** argv) {
    const sys::DispatchTable<rs::RsState> table = rs::make_table();
    sys::Lifecycle<rs::RsState> lifecycle;
    lifecycle.fresh_start = rs::start_services;
    // As the new version of its own live update, rs finishes the transaction
    // it took over once it owns kRs (update_self.cpp).
    lifecycle.committed = [](rs::RsState& state) { state.updates.on_self_committed(state); };
    sys::run_server("rs", state, table, lifecycle, argc, argv);
}
