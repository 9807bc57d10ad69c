// inet.h — the TCP/IP server's protocol (inet, endpoint kInet): sockets over
// lwIP, the interface's addresses and counters, ping.
//
// Sockets: Socket makes one (TCP stream or UDP datagram) and answers its id.
// A socket belongs to the process that made it (by endpoint): a request
// naming a socket the caller does not own is refused with NotFound, exactly
// as for an id that does not exist, and changes nothing. When pm reports a
// process gone (ProcessGone, only from pm) its sockets are closed and its
// waiting request dropped. Binding a port below kFirstUnprivilegedPort needs
// the `net privileged-ports` permission of the caller's profile, which pm
// gives the process at spawn and the kernel carries in its privileges
// (Privileges::server_permissions, read with ProcList; PermissionDenied
// otherwise). inet never calls pm: pm calls inet (ProcessGone), so the two
// can never wait for each other.
//
// Data never travels in a message: Send copies out of the caller's read
// grant, Recv into its write grant. Requests that must wait are answered
// later (deferred reply) while inet goes on serving everyone else:
//   Accept   until a connection arrives
//   Connect  until the handshake completes (or is refused / times out)
//   Recv     until data, end of stream or an error (0 bytes = end of stream)
//   Send     until the send window has room (then as much as fits is taken)
//   Poll     until one of the sockets is ready or timeout_ms pass
//   Ping     until the echo reply comes or timeout_ms pass
// A waiting request with `timeout_ms` > 0 ends with Timeout when that passes;
// 0 waits without limit, except for Poll, where 0 answers at once. One
// request per process waits at a time (a process waits for its reply).
//
// Errors: a bad socket id is NotFound, a request in the wrong state
// (Listen on a connected socket, Send on a listener, ...) InvalidArgument or
// NotConnected, a port in use AddressInUse, a refused or reset connection
// ConnectionRefused / ConnectionReset, a bad grant the kernel's grant error.
#pragma once

#include <protocol/common.h>

namespace protocol::inet {

inline constexpr Endpoint kInet = 7;                 // servers/rs/system.conf
inline constexpr uint16_t kFirstUnprivilegedPort = 1024;
inline constexpr uint32_t kMaxPollItems = 16;
inline constexpr uint32_t kMaxSocketsPerProcess = 32;
inline constexpr uint32_t kNameLength = 16;

inline constexpr int32_t kSocket = kInetBase + 0;
inline constexpr int32_t kBind = kInetBase + 1;
inline constexpr int32_t kListen = kInetBase + 2;
inline constexpr int32_t kAccept = kInetBase + 3;
inline constexpr int32_t kConnect = kInetBase + 4;
inline constexpr int32_t kSend = kInetBase + 5;
inline constexpr int32_t kRecv = kInetBase + 6;
inline constexpr int32_t kClose = kInetBase + 7;
inline constexpr int32_t kShutdown = kInetBase + 8;
inline constexpr int32_t kPoll = kInetBase + 9;
inline constexpr int32_t kInterfaceInfo = kInetBase + 10;
inline constexpr int32_t kPing = kInetBase + 11;
inline constexpr int32_t kProcessGone = kInetBase + 12;  // only from pm
inline constexpr int32_t kArpQuery = kInetBase + 13;
inline constexpr int32_t kRequestCount = 14;

enum class SocketKind : uint32_t { Stream = 1, Datagram = 2 };

// An IPv4 address and port, both in host byte order (10.0.2.15 = 0x0A00020F).
struct Address {
    uint32_t ip;
    uint16_t port;
    uint16_t reserved;
};

struct SocketRequest {
    SocketKind kind;
};
struct SocketReply {
    uint32_t socket;
};

struct BindRequest {
    uint32_t socket;
    Address local;            // ip 0: any address; port 0: an ephemeral port
};

struct ListenRequest {
    uint32_t socket;
    uint32_t backlog;         // 1..kMaxBacklog
};
inline constexpr uint32_t kMaxBacklog = 16;

struct AcceptRequest {
    uint32_t socket;
    uint32_t timeout_ms;
};
struct AcceptReply {
    uint32_t socket;          // the new connection's socket, owned by the caller
    Address peer;
};

struct ConnectRequest {
    uint32_t socket;
    uint32_t timeout_ms;
    Address peer;             // TCP: connect; UDP: the default destination and only source
};

struct SendRequest {
    uint32_t socket;
    uint32_t timeout_ms;
    GrantRef data;            // read grant
    Address to;               // UDP only (ip 0: the connected peer); ignored for TCP
};
struct SendReply {
    uint64_t bytes;           // TCP: bytes taken (>= 1 unless the request was empty); UDP: the datagram's size
};

struct RecvRequest {
    uint32_t socket;
    uint32_t timeout_ms;
    GrantRef buffer;          // write grant
};
struct RecvReply {
    uint64_t bytes;           // 0: the peer closed its side (TCP); a datagram longer than the grant is cut
    Address from;
};

struct CloseRequest {
    uint32_t socket;
};

enum class ShutdownHow : uint32_t { Read = 1, Write = 2, Both = 3 };
struct ShutdownRequest {
    uint32_t socket;
    ShutdownHow how;
};

// Poll's items, an array in the caller's grant (read and write): inet fills
// `ready` and copies the array back.
inline constexpr uint16_t kReadable = 1;   // data, end of stream, a connection to accept, or an error
inline constexpr uint16_t kWritable = 2;   // connected and room in the send window (UDP: always)
inline constexpr uint16_t kFailed = 4;     // an error or reset (always reported)
struct PollItem {
    uint32_t socket;
    uint16_t events;
    uint16_t ready;
};
static_assert(sizeof(PollItem) == 8);

struct PollRequest {
    GrantRef items;           // count = length / sizeof(PollItem), 1..kMaxPollItems
    uint32_t timeout_ms;      // 0: answer at once
};
struct PollReply {
    uint32_t ready;           // items with a non-zero `ready`
};

enum class ConfigSource : uint8_t { None = 0, Dhcp = 1, Static = 2 };
struct InterfaceInfoReply {
    uint32_t ip;
    uint32_t netmask;
    uint32_t gateway;
    ConfigSource source;
    uint8_t up;               // 1: an address is configured
    uint8_t mac[6];
    char name[kNameLength];   // net.conf's `name`, else empty
    uint32_t sockets;         // open sockets of all processes
    uint32_t tcp_connections; // connected TCP sockets
    uint32_t dropped_frames;  // frames inet could not hand to netdrv or to lwIP
};

struct PingRequest {
    uint32_t ip;
    uint16_t sequence;
    uint16_t reserved;
    uint32_t timeout_ms;      // 1..60000
    uint32_t payload;         // bytes of payload, 0..1024
};
struct PingReply {
    uint64_t round_trip_us;
    uint32_t ttl;
};

struct ProcessGoneRequest {
    Endpoint endpoint;
};

// The hardware address of an IPv4 neighbour through inet's ARP cache (asks
// the network when it is not cached).
struct ArpQueryRequest {
    uint32_t ip;
    uint32_t timeout_ms;
};
struct ArpQueryReply {
    uint8_t mac[6];
};

static_assert(kIsPayload<SocketRequest> && kIsPayload<SocketReply> && kIsPayload<BindRequest>);
static_assert(kIsPayload<ListenRequest> && kIsPayload<AcceptRequest> && kIsPayload<AcceptReply>);
static_assert(kIsPayload<ConnectRequest> && kIsPayload<SendRequest> && kIsPayload<SendReply>);
static_assert(kIsPayload<RecvRequest> && kIsPayload<RecvReply> && kIsPayload<CloseRequest>);
static_assert(kIsPayload<ShutdownRequest> && kIsPayload<PollRequest> && kIsPayload<PollReply>);
static_assert(kIsPayload<InterfaceInfoReply> && kIsPayload<PingRequest> && kIsPayload<PingReply>);
static_assert(kIsPayload<ProcessGoneRequest> && kIsPayload<ArpQueryRequest> && kIsPayload<ArpQueryReply>);

}  // namespace protocol::inet
