// waiters.h — requests that wait for an event (deferred replies). A request
// whose first attempt answers WouldBlock is kept, with its deadline, and
// tried again after every event (frames in, timers, a socket closed); the
// reply goes out with the framework's send_reply, which never blocks inet.
//
// Entry points: attempt_or_wait, retry_waiters, drop_waiters_of.
#pragma once

#include "handlers.h"

namespace inet {

Result<Disposition> attempt_or_wait(InetState& state, const Message& request, Message& reply);
void retry_waiters(InetState& state);
void drop_waiters_of(InetState& state, Endpoint client);

}  // namespace inet
