// socket.h — client functions for the TCP/IP server (protocol/inet.h):
// sockets, the interface's addresses, ping and ARP. Every call waits for its
// answer; those that may wait for the network (accept, connect, recv, send,
// poll, ping) take a timeout in ms (0: no limit; for poll: answer at once).
// Data goes through a grant made for the call and revoked after it.
//
// Entry points: sys::inet::socket, bind, listen, accept, connect, send,
// send_to, recv, recv_from, send_all, close, shutdown, poll,
// interface_info, ping, arp_query, parse_ipv4, format_ipv4.
#pragma once

#include <protocol/inet.h>
#include <sys/kcall.h>
#include <sys/result.h>

namespace sys::inet {

using protocol::inet::Address;
using protocol::inet::PollItem;
using protocol::inet::SocketKind;

// NoSuchEndpoint when the machine has no network (inet not started).
Result<uint32_t> socket(SocketKind kind);
Result<void> bind(uint32_t socket, Address local);
Result<void> listen(uint32_t socket, uint32_t backlog);
struct Accepted {
    uint32_t socket;
    Address peer;
};
Result<Accepted> accept(uint32_t socket, uint32_t timeout_ms = 0);
Result<void> connect(uint32_t socket, Address peer, uint32_t timeout_ms = 0);
// TCP: bytes taken (at least 1 of a non-empty buffer), waiting while the
// window is full. UDP: one datagram to the connected peer.
Result<size_t> send(uint32_t socket, const void* data, size_t length, uint32_t timeout_ms = 0);
Result<size_t> send_to(uint32_t socket, const void* data, size_t length, Address to);
// Sends everything (TCP), however many calls it takes.
Result<void> send_all(uint32_t socket, const void* data, size_t length);
// 0 bytes: the peer closed (TCP).
Result<size_t> recv(uint32_t socket, void* buffer, size_t capacity, uint32_t timeout_ms = 0);
Result<size_t> recv_from(uint32_t socket, void* buffer, size_t capacity, Address& from, uint32_t timeout_ms = 0);
Result<void> close(uint32_t socket);
Result<void> shutdown(uint32_t socket, protocol::inet::ShutdownHow how);
// Fills each item's `ready`; returns how many are ready (0: timed out).
Result<uint32_t> poll(PollItem* items, uint32_t count, uint32_t timeout_ms);

Result<protocol::inet::InterfaceInfoReply> interface_info();
Result<protocol::inet::PingReply> ping(uint32_t ip, uint16_t sequence, uint32_t timeout_ms, uint32_t payload = 56);
Result<protocol::inet::ArpQueryReply> arp_query(uint32_t ip, uint32_t timeout_ms);

// "a.b.c.d" -> host-order address (InvalidArgument otherwise); the reverse
// into `out` (16 bytes).
Result<uint32_t> parse_ipv4(const char* text);
void format_ipv4(uint32_t ip, char (&out)[16]);

}  // namespace sys::inet
