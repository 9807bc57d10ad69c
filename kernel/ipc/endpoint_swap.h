// endpoint_swap.h — the live-update commit: two live processes exchange
// their endpoints, and with them the role the old version played.
//
// Entry point: swap_process_endpoints(caller, a, b).
// Moves with the name: the queue of processes blocked sending to it,
// notifications pending at it, kernel messages waiting for it, IRQ
// subscriptions (irq_routing keeps them by endpoint) and processes
// receiving from it specifically (they wait for the endpoint). Moves with
// the role: the pid (an updated program is still the same process to pm,
// the shell and ps), supervisor, privileges, I/O port permissions (the TSS
// bitmap is reloaded when one of the two is the process whose bitmap it
// holds), the pending alarm and the ownership of DMA frames one lent the
// other (DmaInherit, proc/dma_loans.h). Stays with the process: memory, grants it
// created, name, version, priority and CPU time. Both lose their state-read capability (the transfer is
// over). Refused (-Busy) while either process is blocked sending or inside
// SendReceive; a plain Receive (from anyone or from one source) is fine.
// kRs may be swapped only by the process at kRs (rs updating itself;
// -PermissionDenied for anyone else).
#pragma once

#include <neurath/endpoint.h>

#include "core/result.h"
#include "proc/process.h"

namespace kernel {

Result<void> swap_process_endpoints(const Process& caller, neurath::Endpoint a, neurath::Endpoint b);

}  // namespace kernel
