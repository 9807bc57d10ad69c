// irq_routing.h — hardware interrupts delivered to user-space drivers as
// notifications from kKernel (IRQ n sets tag n).
//
// Entry points: irq_subscribe(irq, endpoint), irq_forget(endpoint),
// irq_deliver(irq) (called from the trap dispatcher).
// Invariants: IRQ 0 (the scheduler tick) and 2 (PIC cascade) cannot be
// subscribed; one subscriber per IRQ; a line is unmasked only while it has
// a subscriber; a level-triggered line is masked at delivery and unmasked
// when its subscriber calls irq_subscribe again (its acknowledgement).
#pragma once

#include <neurath/endpoint.h>
#include <stdint.h>

#include "core/result.h"

namespace kernel {

Result<void> irq_subscribe(uint32_t irq, neurath::Endpoint endpoint);
void irq_forget(neurath::Endpoint endpoint);
void irq_deliver(uint32_t irq);

}  // namespace kernel
