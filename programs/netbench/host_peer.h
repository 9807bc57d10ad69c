// host_peer.h — `netbench host <port>`: bulk TCP with a peer on the host, so
// the path through netdrv and the virtio device is measured too (host_peer.cpp).
//
// Entry point: run_host_peer.
#pragma once

#include <stdint.h>

namespace netbench {

// Waits for one connection on `port`, receives kCheckedBytes + kMeasuredBytes
// from it, then sends as many back; prints tcp_host_recv, tcp_host_send and
// tcp_host_checked. Exit status as main's.
int run_host_peer(uint16_t port);

inline constexpr uint64_t kHostCheckedBytes = 1u << 20;   // the pattern, checked (not measured)
inline constexpr uint64_t kHostMeasuredBytes = 4u << 20;  // measured (the pattern too: the host checks it)

}  // namespace netbench
