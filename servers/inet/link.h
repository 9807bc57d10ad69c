// link.h — inet's one network interface: lwIP's netif over netdrv's link.
//
// Entry points: open_link (Open with a notify tag, the MAC from LinkInfo,
// the netif added and set up), receive_frames (on netdrv's notification:
// every waiting frame into lwIP), keep_link (take the link back from a
// restarted netdrv).
#pragma once

#include "inet_state.h"

namespace inet {

Result<void> open_link(InetState& state);
void receive_frames(InetState& state);
// On each alarm: a link with no owner means netdrv restarted; take it again.
void keep_link(InetState& state);

}  // namespace inet
