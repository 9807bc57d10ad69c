// socket_table.h — the sockets of every process: allocation (per-process
// limit), lookup by id *and owner* (another process's socket is NotFound),
// release (lwIP's pcb closed, buffered data freed), and what ends with a
// process. The protocol-specific halves are sockets_tcp.h / sockets_udp.h.
//
// Entry points: allocate_socket, find_socket, find_socket_by_id,
// release_socket, release_sockets_of, open_socket_count.
#pragma once

#include "inet_state.h"

namespace inet {

Result<Socket*> allocate_socket(InetState& state, Endpoint owner, protocol::inet::SocketKind kind);
Result<Socket*> find_socket(InetState& state, Endpoint owner, uint32_t id);
Socket* find_socket_by_id(InetState& state, uint32_t id);
void release_socket(InetState& state, Socket& socket);
void release_sockets_of(InetState& state, Endpoint owner);
uint32_t open_socket_count(const InetState& state);

}  // namespace inet
