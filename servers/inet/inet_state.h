// inet_state.h — InetState, everything the TCP/IP server keeps: the lwIP
// interface bound to netdrv's link, its address configuration, the socket
// table, the requests waiting for an event, pending pings and ARP queries.
//
// Entry points: InetState, Socket, Waiter, PendingPing; the bookkeeping is
// in socket_table.cpp, waiters.cpp, ping.cpp.
#pragma once

#include <protocol/inet.h>
#include <sys/result.h>

#include "lwip/netif.h"
#include "net_conf.h"

struct tcp_pcb;
struct udp_pcb;
struct raw_pcb;
struct pbuf;

namespace inet {

using neurath::Endpoint;
using neurath::Error;
using neurath::Message;
using protocol::inet::Address;
using sys::Result;

inline constexpr uint32_t kMaxSockets = 128;
inline constexpr uint32_t kMaxDatagrams = 32;  // queued per UDP socket; more are dropped
inline constexpr uint32_t kMaxWaiters = 64;
inline constexpr uint32_t kMaxPings = 16;
inline constexpr uint32_t kNetdrvNotifyTag = 1;

enum class SocketState : uint8_t { Free, Open, Listening, Connecting, Connected, Failed };

struct Datagram {
    struct pbuf* data;
    Address from;
};

struct Socket {
    uint32_t id = 0;
    Endpoint owner = neurath::kNone;
    protocol::inet::SocketKind kind{};
    SocketState state = SocketState::Free;
    struct tcp_pcb* tcp = nullptr;
    struct udp_pcb* udp = nullptr;
    Error error = Error::None;       // what ended the connection (reset, refused, ...)
    bool peer_closed = false;         // TCP: the peer's FIN arrived (after rx is read: end of stream)
    bool write_shut = false;          // shutdown(Write) or close sent our FIN
    bool udp_connected = false;
    struct pbuf* rx = nullptr;        // TCP: received bytes not yet read, in order
    Datagram datagrams[kMaxDatagrams] = {};
    uint32_t datagram_head = 0;
    uint32_t datagram_count = 0;
    uint32_t listener = 0;            // a connection not yet accepted: its listening socket's id
    uint32_t backlog[protocol::inet::kMaxBacklog] = {};  // listening: connections to accept, in order
    uint32_t backlog_count = 0;
    uint32_t backlog_limit = 0;
    Address peer{};
};

// A request that waits for an event (deferred reply): retried after every
// event until it completes, fails, or its deadline passes.
struct Waiter {
    bool used = false;
    Message request{};
    uint64_t deadline_ns = 0;         // 0: none
};

struct PendingPing {
    bool used = false;
    Endpoint client = neurath::kNone;
    uint16_t sequence = 0;            // on the wire, unique among pending pings
    uint64_t sent_ns = 0;
    bool answered = false;
    uint64_t round_trip_us = 0;
    uint32_t ttl = 0;
};

struct InetState {
    struct netif interface = {};
    bool link_open = false;
    uint8_t mac[6] = {};
    AddressConfig config;
    bool address_announced = false;
    uint32_t dropped_frames = 0;
    Socket sockets[kMaxSockets];
    uint32_t next_socket_id = 1;
    Waiter waiters[kMaxWaiters];
    struct raw_pcb* ping_pcb = nullptr;
    PendingPing pings[kMaxPings];
    uint16_t next_ping_sequence = 1;
    Endpoint arp_client = neurath::kNone;  // the client whose ArpQuery is out (one at a time)
    uint32_t arp_ip = 0;              // and the address it asked for
};

}  // namespace inet
