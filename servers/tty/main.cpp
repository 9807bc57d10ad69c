// main.cpp — the tty server: the console driver for COM1 in user space.
//
// Entry point: main. Start (fresh or restart): program the UART, subscribe
// to IRQ 4, pick up input that arrived before the subscription; as the new
// version of a live update: take over the UART without resetting it. Then
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

// The new version of a live update: the UART is already programmed and the
// line discipline arrives by state transfer, so only this process's port
// access and IRQ subscription are set up (no reset: typed input survives).
sys::Result<void> update_start(TtyState& state, const sys::StartInfo& info) {
    TRY(state.uart.attach());
    TRY(sys::irq_subscribe(neurath::tty::kCom1Irq));
    neurath::tty::input_ready(state);
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    const sys::Lifecycle<TtyState> lifecycle{start, nullptr, update_start};
    sys::run_server("tty", g_tty, neurath::tty::tty_dispatch_table(), lifecycle, argc, argv);
}
