// main.cpp — netdrv, the virtio-net driver (endpoint protocol::net::kNetdrv):
// the start hook, the state and the event loop. rs starts netdrv only on a
// machine with the device. Start and restart are the same: ask rs for the
// device the manifest binds netdrv to (its I/O window and IRQ line, bus
// mastering off), open those ports, reset and set up the device, let rs
// enable its DMA, start it and subscribe to its IRQ. A restart begins with
// the reset, so nothing of a crashed instance's queues survives in the
// device. A live update does not touch the device: the new version takes over
// the old one's DMA memory and device as they are (update.cpp). The handlers
// serve frames and link info (handlers.cpp, receive.cpp).
#include <protocol/rs.h>
#include <sys/call.h>
#include <sys/kcall.h>
#include <sys/stdio.h>

#include "handlers.h"
#include "update.h"

namespace {

sys::Result<void> start(netdrv::NetdrvState& state, const sys::StartInfo&) {
    namespace rs = protocol::rs;
    const auto device = TRY(sys::call<rs::DeviceClaimReply>(neurath::kRs, rs::kDeviceClaim, protocol::common::Empty{}));
    TRY(sys::io_port_enable(static_cast<uint16_t>(device.io_base), static_cast<uint16_t>(device.io_size)));
    TRY(state.nic.init(static_cast<uint16_t>(device.io_base), device.io_size, state.arena));
    TRY(sys::call_status(neurath::kRs, rs::kDeviceDmaEnable, protocol::common::Empty{}));
    state.nic.start();
    state.irq = device.irq;
    TRY(sys::irq_subscribe(state.irq));
    const uint8_t(&mac)[6] = state.nic.mac();
    sys::log("netdrv: virtio-net %02x:%02x.%u, ports 0x%x-0x%x, irq %u, mac %02x:%02x:%02x:%02x:%02x:%02x\n",
             device.bus, device.slot, device.function, device.io_base, device.io_base + device.io_size - 1,
             device.irq, mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
    return {};
}

netdrv::NetdrvState state;

}  // namespace

int main(int argc, char** argv) {
    const sys::DispatchTable<netdrv::NetdrvState> table = netdrv::make_table();
    sys::Lifecycle<netdrv::NetdrvState> lifecycle;
    lifecycle.fresh_start = start;
    lifecycle.update = netdrv::take_over_dma;
    lifecycle.update_policy = &netdrv::kUpdatePolicy;
    lifecycle.committed = netdrv::resume_device;
    sys::run_server("netdrv", state, table, lifecycle, argc, argv);
}
