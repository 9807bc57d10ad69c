// endpoint_swap.h — the live-update commit: two live processes exchange
// their endpoints atomically.
//
// Entry point: swap_process_endpoints(a, b).
// What belongs to a name moves with it: the queue of processes blocked
// sending to it, notifications pending at it and kernel messages waiting
// for it. What belongs to a process stays: its memory, grants, privileges,
// IRQ subscriptions are by endpoint and so follow the name. Refused
// (-Busy) while either process is blocked sending or waiting for a reply,
// and for rs (-PermissionDenied).
#pragma once

#include <neurath/endpoint.h>

#include "core/result.h"

namespace kernel {

Result<void> swap_process_endpoints(neurath::Endpoint a, neurath::Endpoint b);

}  // namespace kernel
