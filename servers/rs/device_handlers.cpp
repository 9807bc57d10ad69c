// device_handlers.cpp — rs's answers to drivers about their devices:
// kDeviceClaim (the device's location and resources; bus mastering is
// switched off, so a restarted driver starts with no DMA in flight from its
// predecessor) and kDeviceDmaEnable (bus mastering on, after the driver has
// reset the device). Only the driver the manifest binds to a device may ask.
#include "handlers.h"
#include "pci_bus.h"

#include <sys/stdio.h>

namespace rs {
namespace pr = protocol::rs;
using neurath::Error;
using neurath::Message;
using neurath::payload_of;
using sys::Disposition;

namespace {

Result<const DeviceClaim*> claim_of(const RsState& state, const Message& request) {
    const DeviceClaim* claim = state.devices.for_driver(request.source);
    if (!claim) return Error::PermissionDenied;
    return claim;
}

Result<Disposition> handle_device_claim(RsState& state, const Message& request, Message& reply) {
    const DeviceClaim* claim = TRY(claim_of(state, request));
    pci::write_command(claim->at, true, false);
    payload_of<pr::DeviceClaimReply>(reply) = {claim->vendor,         claim->device,          claim->at.bus,
                                               claim->at.slot,        claim->at.function,     claim->resources.irq,
                                               claim->resources.io_base, claim->resources.io_size};
    return Disposition::Reply;
}

Result<Disposition> handle_device_dma_enable(RsState& state, const Message& request, Message&) {
    const DeviceClaim* claim = TRY(claim_of(state, request));
    pci::write_command(claim->at, true, true);
    return Disposition::Reply;
}

}  // namespace

void add_device_routes(sys::DispatchTable<RsState>& table) {
    table.on(pr::kDeviceClaim, handle_device_claim).on(pr::kDeviceDmaEnable, handle_device_dma_enable);
}

}  // namespace rs
