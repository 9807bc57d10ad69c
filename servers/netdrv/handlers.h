// handlers.h — netdrv's requests (protocol/net.h) and its dispatch table.
//
// Entry points: netdrv::make_table, and the received-frame bookkeeping the
// handlers share (receive.cpp).
#pragma once

#include <sys/server.h>

#include "netdrv_state.h"

namespace netdrv {

using sys::Disposition;
using sys::Result;

sys::DispatchTable<NetdrvState> make_table();

// Everything the device's IRQ asks for: acknowledge it, take back sent
// buffers, collect and hand out received frames, unmask the line again.
void service_device(NetdrvState& state);

// Received-frame bookkeeping shared by the handlers (receive.cpp).
// owner_alive releases the link when its owner has ended.
bool owner_alive(NetdrvState& state);
void collect_received(NetdrvState& state);
void answer_pending_receive(NetdrvState& state);
void expire_pending_receive(NetdrvState& state);
Result<uint64_t> deliver_frame(NetdrvState& state, Endpoint client, const protocol::GrantRef& buffer);

}  // namespace netdrv
