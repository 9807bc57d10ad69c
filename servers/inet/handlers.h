// handlers.h — inet's requests (protocol/inet.h), its dispatch table and the
// one step of a request that may wait (attempt_request), which the waiting
// requests' bookkeeping (waiters.h) retries after each event.
//
// Entry points: make_table, attempt_request, answer_on_expiry.
#pragma once

#include <sys/server.h>

#include "inet_state.h"

namespace inet {

using sys::Disposition;

sys::DispatchTable<InetState> make_table();

// One step of a request that may wait: Error::WouldBlock while it must.
Result<Disposition> attempt_request(InetState& state, const Message& request, Message& reply);

// The request's own limit on waiting (ms, 0: none).
uint32_t wait_limit_ms(const Message& request);

// What a request whose wait limit passed answers: Poll answers "nothing
// ready" (true, `reply` filled), the others Timeout (false).
bool answer_on_expiry(InetState& state, const Message& request, Message& reply);

// The socket requests (socket_requests.cpp) and the rest (handlers.cpp).
Result<Disposition> handle_socket(InetState& state, const Message& request, Message& reply);
Result<Disposition> handle_bind(InetState& state, const Message& request, Message& reply);
Result<Disposition> handle_listen(InetState& state, const Message& request, Message& reply);
Result<Disposition> handle_close(InetState& state, const Message& request, Message& reply);
Result<Disposition> handle_shutdown(InetState& state, const Message& request, Message& reply);
Result<Disposition> attempt_accept(InetState& state, const Message& request, Message& reply);
Result<Disposition> attempt_connect(InetState& state, const Message& request, Message& reply);
Result<Disposition> attempt_send(InetState& state, const Message& request, Message& reply);
Result<Disposition> attempt_recv(InetState& state, const Message& request, Message& reply);
Result<Disposition> attempt_poll(InetState& state, const Message& request, Message& reply);
void abandon_connect(InetState& state, const Message& request);

// ping.cpp
Result<void> open_ping(InetState& state);
Result<Disposition> attempt_ping(InetState& state, const Message& request, Message& reply);
Result<Disposition> attempt_arp_query(InetState& state, const Message& request, Message& reply);
void forget_pending_of(InetState& state, Endpoint client);

}  // namespace inet
