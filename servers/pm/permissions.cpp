// permissions.cpp — profile permissions asked for by other servers, and
// inet's notice that a process ended (see permissions.h).
//
// Entry points: NetPermissions::grant, NetPermissions::allows,
// handle_permissions, release_sockets.
#include "permissions.h"

#include "pm_state.h"

namespace pm {

void NetPermissions::grant(uint64_t pid) {
    pids[next] = pid;
    next = (next + 1) % kCapacity;
}

bool NetPermissions::allows(uint64_t pid) const {
    for (uint64_t granted : pids)
        if (granted != 0 && granted == pid) return true;
    return false;
}

sys::Result<sys::Disposition> handle_permissions(PmState& state, const neurath::Message& request, neurath::Message& reply) {
    const neurath::Endpoint endpoint = neurath::payload_of<protocol::pm::PermissionsRequest>(request).endpoint;
    const ProcessRecord* record = state.processes.find_live(endpoint);
    if (record == nullptr) return neurath::Error::NotFound;
    neurath::payload_of<protocol::pm::PermissionsReply>(reply).net_privileged_ports =
        state.net_permissions.allows(record->pid) ? 1 : 0;
    return sys::Disposition::Reply;
}

// inet may be absent (no network device) or restarting: the call then
// fails at once and there are no sockets to close.
void release_sockets(neurath::Endpoint endpoint) {
    neurath::Message to_inet{};
    to_inet.type = protocol::inet::kProcessGone;
    neurath::payload_of<protocol::inet::ProcessGoneRequest>(to_inet).endpoint = endpoint;
    (void)sys::sendrec(protocol::inet::kInet, to_inet);
}

}  // namespace pm
