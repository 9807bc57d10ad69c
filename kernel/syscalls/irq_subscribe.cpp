// irq_subscribe.cpp — Sys::IrqSubscribe(uint32_t irq): IRQ `irq` raises
// notification tag `irq` from kKernel at the caller. Called again by the
// subscriber, it unmasks a level-triggered line masked at delivery (the
// driver's acknowledgement).
//
// Entry point: sys_irq_subscribe. Only lines in the caller's
// Privileges::irq_mask (-PermissionDenied).
#include "ipc/irq_routing.h"
#include "proc/hardware_privileges.h"
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_irq_subscribe(Process& caller, const SyscallArgs& args) {
    const uint32_t irq = TRY(check_irq_request(caller.privileges, args.arg[0]));
    TRY(irq_subscribe(irq, caller.endpoint));
    return done(0);
}

}  // namespace kernel
