// irq_routing.cpp — IRQ subscriptions (see irq_routing.h).
//
// Entry points: irq_subscribe, irq_forget, irq_deliver.
#include "ipc/irq_routing.h"

#include "arch/pic.h"
#include "ipc/ipc.h"
#include "proc/process.h"

namespace kernel {
namespace {
neurath::Endpoint subscribers[kIrqCount] = {neurath::kNone, neurath::kNone, neurath::kNone, neurath::kNone,
                                            neurath::kNone, neurath::kNone, neurath::kNone, neurath::kNone,
                                            neurath::kNone, neurath::kNone, neurath::kNone, neurath::kNone,
                                            neurath::kNone, neurath::kNone, neurath::kNone, neurath::kNone};
}

Result<void> irq_subscribe(uint32_t irq, neurath::Endpoint endpoint) {
    if (irq >= kIrqCount || irq == 0 || irq == 2) return Error::InvalidArgument;
    if (subscribers[irq] != neurath::kNone && subscribers[irq] != endpoint) return Error::Busy;
    subscribers[irq] = endpoint;
    pic_unmask(irq);
    return {};
}

void irq_forget(neurath::Endpoint endpoint) {
    for (uint32_t irq = 0; irq < kIrqCount; ++irq) {
        if (subscribers[irq] != endpoint) continue;
        subscribers[irq] = neurath::kNone;
        pic_mask(irq);
    }
}

void irq_deliver(uint32_t irq) {
    if (irq >= kIrqCount || subscribers[irq] == neurath::kNone) return;
    // A level-triggered line would fire again at once: it stays masked until
    // the driver has acknowledged its device and subscribes again.
    if (pic_is_level_triggered(irq)) pic_mask(irq);
    Result<Process*> target = live_process(subscribers[irq]);
    if (target.ok()) notify_from_kernel(*target.value(), irq);
}

}  // namespace kernel
