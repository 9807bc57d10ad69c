// handlers.h — the tty request handlers and their dispatch table.
//
// Entry points: tty_dispatch_table(), input_ready() (also called once at
// start to pick up bytes typed before the IRQ was subscribed).
#pragma once

#include <sys/server.h>

#include "tty_state.h"

namespace neurath::tty {

using sys::Disposition;
using sys::Result;

Result<Disposition> handle_write(TtyState& state, const Message& request, Message& reply);
Result<Disposition> handle_read_line(TtyState& state, const Message& request, Message& reply);
Result<Disposition> handle_process_gone(TtyState& state, const Message& request, Message& reply);
Result<Disposition> handle_notify(TtyState& state, const Message& request, Message& reply);

// Drains the UART through the line discipline, echoes, and answers a
// pending read once a line is complete.
void input_ready(TtyState& state);

const sys::DispatchTable<TtyState>& tty_dispatch_table();

}  // namespace neurath::tty
