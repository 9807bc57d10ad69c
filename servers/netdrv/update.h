// update.h — netdrv's live update: how a new version takes over the device
// from the old one without resetting it.
//
// The device keeps using the queues and buffers in the old version's DMA
// memory, so the new version must use the very same pages at the very same
// addresses: its policy declares the DMA window a shared range (the transfer
// keeps pointers into it as they are), its update hook has the kernel lend it
// the old version's DMA pages there (DmaInherit), and at the commit the kernel
// hands over the pages with the device's ports, IRQ and bus mastering. Once
// committed, the new version catches up with whatever the device did while
// the old one was parked.
//
// Entry points: netdrv::kUpdatePolicy, netdrv::take_over_dma (the update
// hook), netdrv::resume_device (the committed hook).
#pragma once

#include <libupdate/update_policy.h>
#include <sys/server.h>

#include "netdrv_state.h"

namespace netdrv {

extern const libupdate::UpdatePolicy kUpdatePolicy;  // the DMA window is a shared range

// Maps the old version's DMA pages (it still owns them until the commit).
sys::Result<void> take_over_dma(NetdrvState& state, const sys::StartInfo& info);

// After the commit: serves the device as if its IRQ had come.
void resume_device(NetdrvState& state);

}  // namespace netdrv
