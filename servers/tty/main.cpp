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

using neurath::tty::TtyState;

TtyState g_tty;

sys::Result<void> start(TtyState& state, const sys::StartInfo& info) {
    TRY(state.uart.init());
    TRY(sys::irq_subscribe(neurath::tty::kCom1Irq));
    neurath::tty::input_ready(state);
    return {};
}

}  // namespace

// The new version of a live update has no start hook: the UART stays
// programmed (no reset: typed input survives), the line discipline and the
// pending read arrive by state transfer, and the port access, the IRQ
// subscription and any IRQ notification pending meanwhile come with the
// endpoint when rs commits (the kernel moves them with the name).
int main(int argc, char** argv) {
    const sys::Lifecycle<TtyState> lifecycle{start, nullptr, nullptr};
    sys::run_server("tty", g_tty, neurath::tty::tty_dispatch_table(), lifecycle, argc, argv);
}
