// irq_subscribe.cpp — Sys::IrqSubscribe(uint32_t irq): IRQ `irq` raises
// notification tag `irq` from kKernel at the caller.
//
// Entry point: sys_irq_subscribe.
#include "ipc/irq_routing.h"
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_irq_subscribe(Process& caller, const SyscallArgs& args) {
    if (args.arg[0] > 0xFFFFFFFFu) return Error::InvalidArgument;
    TRY(irq_subscribe(static_cast<uint32_t>(args.arg[0]), caller.endpoint));
    return done(0);
}

}  // namespace kernel
