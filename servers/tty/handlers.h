// handlers.h — the tty request handlers and their dispatch table.
//
// Entry points: tty::make_table() (built once in main.cpp), input_ready() (also called once at
// start to pick up bytes typed before the IRQ was subscribed).
#pragma once

#include <sys/server.h>

#include "tty_state.h"

namespace tty {

using sys::Disposition;
using sys::Result;

Result<Disposition> handle_write(TtyState& state, const Message& request, Message& reply);
Result<Disposition> handle_read_line(TtyState& state, const Message& request, Message& reply);
Result<Disposition> handle_process_gone(TtyState& state, const Message& request, Message& reply);
Result<Disposition> handle_notify(TtyState& state, const Message& request, Message& reply);

// Drains the UART through the line discipline, echoes, and answers a
// pending read once a line is complete.
void input_ready(TtyState& state);

sys::DispatchTable<TtyState> make_table();

}  // namespace tty
