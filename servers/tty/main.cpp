// main.cpp — the tty server: the console driver for COM1 in user space.
//
// Entry point: main. Start (fresh or restart): program the UART, subscribe
// to IRQ 4, pick up input that arrived before the subscription; as the new
// version of a live update: nothing to set up (see below). Then
// the framework's event loop dispatches writes, line reads and IRQ
// notifications (handlers.cpp).
#include <sys/server.h>

#include "handlers.h"

namespace {

sys::Result<void> start(tty::TtyState& state, const sys::StartInfo& info) {
    TRY(state.uart.init());
    TRY(sys::irq_subscribe(tty::kCom1Irq));
    tty::input_ready(state);
    return {};
}

tty::TtyState state;

}  // namespace

// The new version of a live update has no start hook: the UART stays
// programmed (no reset: typed input survives), the line discipline and the
// pending read arrive by state transfer, and the port access, the IRQ
// subscription and any IRQ notification pending meanwhile come with the
// endpoint when rs commits (the kernel moves them with the name).
int main(int argc, char** argv) {
    const sys::DispatchTable<tty::TtyState> table = tty::make_table();
    sys::Lifecycle<tty::TtyState> lifecycle;
    lifecycle.fresh_start = start;
    sys::run_server("tty", state, table, lifecycle, argc, argv);
}
