// sockets_udp.h — UDP sockets over lwIP's raw API: received datagrams are
// queued in the socket (kMaxDatagrams, more are dropped), each Recv takes
// one; Send makes one datagram of the grant's bytes.
//
// Entry points: udp_create, udp_bind_socket, udp_connect_socket,
// udp_send_datagram, udp_recv_attempt, udp_release, udp_readiness.
#pragma once

#include "inet_state.h"

namespace inet {

inline constexpr uint64_t kMaxDatagram = 8192;

Result<void> udp_create(Socket& socket);
Result<void> udp_bind_socket(Socket& socket, const Address& local);
Result<void> udp_connect_socket(Socket& socket, const Address& peer);
Result<uint64_t> udp_send_datagram(Endpoint client, Socket& socket, const protocol::GrantRef& data, const Address& to);
Result<uint64_t> udp_recv_attempt(Endpoint client, Socket& socket, const protocol::GrantRef& buffer, Address& from);
void udp_release(Socket& socket);
uint16_t udp_readiness(const Socket& socket);

}  // namespace inet
