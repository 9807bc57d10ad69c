// sockets_tcp.h — TCP sockets over lwIP's raw API. lwIP's callbacks only
// record what happened in the Socket (data appended, peer closed, error,
// connection to accept); the *_attempt functions do one step of a request
// and answer Error::WouldBlock when it must wait for an event (waiters.h
// retries it after the next one).
//
// Entry points: tcp_create, tcp_bind_socket, tcp_listen_socket,
// tcp_accept_attempt, tcp_connect_attempt, tcp_send_attempt,
// tcp_recv_attempt, tcp_shutdown_socket, tcp_abandon_connect, tcp_release,
// tcp_readiness.
#pragma once

#include "inet_state.h"

namespace inet {

Result<void> tcp_create(Socket& socket);
Result<void> tcp_bind_socket(Socket& socket, const Address& local);
Result<void> tcp_listen_socket(Socket& socket, uint32_t backlog);
Result<Socket*> tcp_accept_attempt(InetState& state, Socket& listener);
Result<void> tcp_connect_attempt(Socket& socket, const Address& peer);
Result<uint64_t> tcp_send_attempt(Endpoint client, Socket& socket, const protocol::GrantRef& data);
Result<uint64_t> tcp_recv_attempt(Endpoint client, Socket& socket, const protocol::GrantRef& buffer);
Result<void> tcp_shutdown_socket(Socket& socket, protocol::inet::ShutdownHow how);
void tcp_abandon_connect(Socket& socket);
void tcp_release(Socket& socket);
uint16_t tcp_readiness(const Socket& socket);

}  // namespace inet
