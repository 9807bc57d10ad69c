// address_config.h — how the interface gets its address: static from the
// `net.conf` boot module when there is one (net_conf.h), else DHCP (QEMU's
// user network answers 10.0.2.15, gateway 10.0.2.2). A malformed net.conf
// is refused with the line and reason, and the interface stays without any
// address: never half-configured.
//
// Entry points: configure_addresses, note_address_change.
#pragma once

#include "inet_state.h"

namespace inet {

void configure_addresses(InetState& state);
// After each event: logs the address once it is complete (DHCP bound).
void note_address_change(InetState& state);

}  // namespace inet
