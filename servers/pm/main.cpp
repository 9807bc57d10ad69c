// main.cpp — pm, the process manager (endpoint kPm): the event loop only.
// Requests and exit reports are handled in handlers.cpp; program loading in
// spawn.cpp; the bookkeeping of children and waits in process_table.cpp.
#include "handlers.h"

namespace {
pm::PmState state;
}  // namespace

int main(int argc, char** argv) {
    const sys::DispatchTable<pm::PmState> table = pm::make_table();
    sys::Lifecycle<pm::PmState> lifecycle;
    lifecycle.fresh_start = pm::start_fresh;
    sys::run_server("pm", state, table, lifecycle, argc, argv);
}
