// update_policy.h — what inet tells live update about its state: lwIP keeps
// the packet it is processing in a few globals (tcp_in.c, ip.c) that mean
// nothing once inet is parked at its receive; the new version starts them
// empty. Everything else (pcbs, pbufs, timeouts, the netif, the socket
// table) is transferred by the default rules: lwIP is built with the pass.
//
// Entry point: inet::update_policy.
#pragma once

#include <libupdate/update_policy.h>

namespace inet {

const libupdate::UpdatePolicy* update_policy();

}  // namespace inet
