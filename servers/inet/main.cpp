// main.cpp — inet, the TCP/IP server (endpoint protocol::inet::kInet): the
// start hook, the one state and the event loop. lwIP (Debian's source
// package, raw API, NO_SYS) runs inside this one event loop: requests from
// clients, netdrv's notifications (frames arrived) and the kernel's alarm
// (lwIP's timers, deadlines of waiting requests) all come in as messages.
// rs starts inet only where netdrv runs (system.conf `depends netdrv`).
// Start and restart are the same: lwIP set up afresh, the link opened
// (netdrv hands it to the same endpoint again), addresses from net.conf or
// DHCP. Sockets do not survive a restart: their owners get NotFound.
#include <sys/stdio.h>

#include "address_config.h"
#include "handlers.h"
#include "link.h"
#include "lwip/init.h"
#include "socket_table.h"
#include "timers.h"
#include "update_policy.h"

namespace {

sys::Result<void> start(inet::InetState& state, const sys::StartInfo&) {
    lwip_init();
    TRY(inet::open_link(state));
    TRY(inet::open_ping(state));
    inet::configure_addresses(state);
    const uint8_t* mac = state.mac;
    sys::log("inet: lwIP %s on netdrv's link, mac %02x:%02x:%02x:%02x:%02x:%02x\n", LWIP_VERSION_STRING, mac[0], mac[1],
             mac[2], mac[3], mac[4], mac[5]);
    inet::schedule_alarm(state);
    return {};
}

// The new version of a live update: lwIP's state and the sockets came over;
// once it owns endpoint 7 it sets its own alarm for lwIP's timers (the old
// version's alarm ended with it).
void committed(inet::InetState& state) {
    sys::log("inet: running as the new version, %lu sockets kept\n", static_cast<unsigned long>(inet::open_socket_count(state)));
    inet::schedule_alarm(state);
}

inet::InetState state;

}  // namespace

int main(int argc, char** argv) {
    const sys::DispatchTable<inet::InetState> table = inet::make_table();
    sys::Lifecycle<inet::InetState> lifecycle;
    lifecycle.fresh_start = start;
    lifecycle.committed = committed;
    lifecycle.update_policy = inet::update_policy();
    sys::run_server("inet", state, table, lifecycle, argc, argv);
}
