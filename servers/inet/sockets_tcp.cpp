// sockets_tcp.cpp — TCP sockets over lwIP's raw API (see sockets_tcp.h).
//
// Flow control: received data stays in the socket's pbuf chain and lwIP's
// window opens (tcp_recved) only as the owner reads it, so a slow reader
// slows the sender instead of filling inet's memory. Sending takes what
// fits in lwIP's send buffer and copies it there (TCP_WRITE_FLAG_COPY): the
// client's grant is never used after the reply. Nagle's algorithm is off
// (see attach): a short tail goes out at once.
//
// Entry points: as in sockets_tcp.h.
#include "sockets_tcp.h"

#include <sys/grant.h>

#include "lwip/def.h"
#include "lwip/tcp.h"
#include "socket_table.h"

namespace inet {
namespace {

namespace proto = protocol::inet;

constexpr uint32_t kCopyChunk = 8192;
constexpr uint64_t kMaxRecvBytes = 0xFFFF;  // pbuf_free_header takes 16 bits
uint8_t copy_buffer[kCopyChunk];

InetState& stack_state() { return *static_cast<InetState*>(netif_default->state); }

Address address_of(const ip_addr_t* ip, uint16_t port) {
    return Address{lwip_ntohl(ip4_addr_get_u32(ip_2_ip4(ip))), port, 0};
}

ip_addr_t lwip_ip(uint32_t host_order) {
    ip_addr_t ip;
    ip_addr_set_ip4_u32(&ip, lwip_htonl(host_order));
    return ip;
}

Error error_of(err_t err, bool connecting) {
    if (connecting) return Error::ConnectionRefused;
    switch (err) {
    case ERR_MEM: return Error::NoMemory;
    case ERR_RTE: return Error::NoRoute;
    case ERR_USE: return Error::AddressInUse;
    case ERR_TIMEOUT: return Error::Timeout;
    default: return Error::ConnectionReset;
    }
}

err_t on_receive(void* arg, struct tcp_pcb* pcb, struct pbuf* data, err_t err) {
    auto* socket = static_cast<Socket*>(arg);
    if (socket == nullptr) {  // released while lwIP still delivers: drop
        if (data) {
            tcp_recved(pcb, data->tot_len);
            pbuf_free(data);
        }
        return ERR_OK;
    }
    if (data == nullptr) {
        socket->peer_closed = true;
        return ERR_OK;
    }
    if (err != ERR_OK) {
        pbuf_free(data);
        return ERR_OK;
    }
    if (socket->rx == nullptr) socket->rx = data;
    else pbuf_cat(socket->rx, data);
    return ERR_OK;
}

void on_error(void* arg, err_t err) {
    auto* socket = static_cast<Socket*>(arg);
    if (socket == nullptr) return;
    socket->error = error_of(err, socket->state == SocketState::Connecting);
    socket->tcp = nullptr;  // lwIP freed the pcb
    socket->state = SocketState::Failed;
}

err_t on_connected(void* arg, struct tcp_pcb*, err_t err) {
    auto* socket = static_cast<Socket*>(arg);
    if (socket != nullptr && err == ERR_OK) socket->state = SocketState::Connected;
    return ERR_OK;
}

// Nagle's algorithm is off: each Send is one whole write of the client's
// (copied in full segments), so only its tail can be short, and holding that
// tail until the peer acknowledges what is in flight made it wait for the
// peer's delayed ACK (up to lwIP's 250 ms timer) at the end of every burst.
void attach(Socket& socket, struct tcp_pcb* pcb) {
    socket.tcp = pcb;
    tcp_nagle_disable(pcb);
    tcp_arg(pcb, &socket);
    tcp_recv(pcb, on_receive);
    tcp_err(pcb, on_error);
}

// A new connection on a listening socket: a socket owned by the listener's
// owner, queued until Accept hands it over. Refused (reset) when the backlog
// or the owner's socket limit is full.
err_t on_accept(void* arg, struct tcp_pcb* pcb, err_t err) {
    auto* listener = static_cast<Socket*>(arg);
    if (err != ERR_OK || pcb == nullptr) return ERR_VAL;
    if (listener == nullptr || listener->backlog_count >= listener->backlog_limit) {
        tcp_abort(pcb);
        return ERR_ABRT;
    }
    auto created = allocate_socket(stack_state(), listener->owner, proto::SocketKind::Stream);
    if (created.is_error()) {
        tcp_abort(pcb);
        return ERR_ABRT;
    }
    Socket& socket = *created.value();
    attach(socket, pcb);
    socket.state = SocketState::Connected;
    socket.listener = listener->id;
    socket.peer = address_of(&pcb->remote_ip, pcb->remote_port);
    listener->backlog[listener->backlog_count++] = socket.id;
    return ERR_OK;
}

void detach(struct tcp_pcb* pcb, bool listening) {
    tcp_arg(pcb, nullptr);
    if (listening) {
        tcp_accept(pcb, nullptr);
        return;
    }
    tcp_recv(pcb, nullptr);
    tcp_err(pcb, nullptr);
    tcp_sent(pcb, nullptr);
}

}  // namespace

Result<void> tcp_create(Socket& socket) {
    struct tcp_pcb* pcb = tcp_new();
    if (pcb == nullptr) return Error::NoMemory;
    attach(socket, pcb);
    return {};
}

Result<void> tcp_bind_socket(Socket& socket, const Address& local) {
    if (socket.state != SocketState::Open || socket.tcp == nullptr) return Error::InvalidArgument;
    const ip_addr_t ip = lwip_ip(local.ip);
    const err_t err = tcp_bind(socket.tcp, &ip, local.port);
    if (err != ERR_OK) return error_of(err, false);
    return {};
}

Result<void> tcp_listen_socket(Socket& socket, uint32_t backlog) {
    if (socket.state != SocketState::Open || socket.tcp == nullptr) return Error::InvalidArgument;
    if (backlog == 0 || backlog > proto::kMaxBacklog) return Error::InvalidArgument;
    err_t err = ERR_OK;
    struct tcp_pcb* listening = tcp_listen_with_backlog_and_err(socket.tcp, 255, &err);
    if (listening == nullptr) return error_of(err, false);
    socket.tcp = listening;  // lwIP freed the unconnected pcb
    tcp_arg(listening, &socket);
    tcp_accept(listening, on_accept);
    socket.state = SocketState::Listening;
    socket.backlog_limit = backlog;
    return {};
}

Result<Socket*> tcp_accept_attempt(InetState& state, Socket& listener) {
    if (listener.state != SocketState::Listening) return Error::InvalidArgument;
    if (listener.backlog_count == 0) return Error::WouldBlock;
    const uint32_t id = listener.backlog[0];
    for (uint32_t i = 1; i < listener.backlog_count; ++i) listener.backlog[i - 1] = listener.backlog[i];
    --listener.backlog_count;
    Socket* socket = find_socket_by_id(state, id);
    if (socket == nullptr) return Error::ConnectionReset;
    socket->listener = 0;
    return socket;
}

Result<void> tcp_connect_attempt(Socket& socket, const Address& peer) {
    switch (socket.state) {
    case SocketState::Connected: return {};
    case SocketState::Connecting: return Error::WouldBlock;
    case SocketState::Failed: return socket.error;
    case SocketState::Listening: return Error::InvalidArgument;
    default: break;
    }
    if (peer.ip == 0 || peer.port == 0) return Error::InvalidArgument;
    const ip_addr_t ip = lwip_ip(peer.ip);
    const err_t err = tcp_connect(socket.tcp, &ip, peer.port, on_connected);
    if (err != ERR_OK) return error_of(err, false);
    socket.state = SocketState::Connecting;
    socket.peer = peer;
    return Error::WouldBlock;
}

Result<uint64_t> tcp_send_attempt(Endpoint client, Socket& socket, const protocol::GrantRef& data) {
    if (socket.state == SocketState::Failed) return socket.error;
    if (socket.state != SocketState::Connected || socket.write_shut || socket.tcp == nullptr) return Error::NotConnected;
    if (data.length == 0) return uint64_t{0};
    uint64_t taken = 0;
    while (taken < data.length) {
        uint32_t chunk = tcp_sndbuf(socket.tcp);
        if (chunk > kCopyChunk) chunk = kCopyChunk;
        if (chunk > data.length - taken) chunk = static_cast<uint32_t>(data.length - taken);
        if (chunk == 0 || tcp_sndqueuelen(socket.tcp) >= TCP_SND_QUEUELEN) break;
        auto copied = sys::copy_from_grant(client, data, taken, copy_buffer, chunk);
        if (copied.is_error()) {
            if (taken == 0) return copied.error();
            break;  // what was queued is sent and reported; the bad part is refused next time
        }
        const bool more = taken + chunk < data.length;
        if (tcp_write(socket.tcp, copy_buffer, static_cast<u16_t>(chunk), TCP_WRITE_FLAG_COPY | (more ? TCP_WRITE_FLAG_MORE : 0)) != ERR_OK)
            break;
        taken += chunk;
    }
    if (taken == 0) return Error::WouldBlock;
    tcp_output(socket.tcp);
    return taken;
}

Result<uint64_t> tcp_recv_attempt(Endpoint client, Socket& socket, const protocol::GrantRef& buffer) {
    if (socket.rx != nullptr && buffer.length > 0) {
        const uint64_t wanted = buffer.length < kMaxRecvBytes ? buffer.length : kMaxRecvBytes;
        uint64_t copied = 0;
        for (struct pbuf* piece = socket.rx; piece != nullptr && copied < wanted; piece = piece->next) {
            uint64_t length = piece->len;
            if (length > wanted - copied) length = wanted - copied;
            TRY(sys::copy_to_grant(client, buffer, copied, piece->payload, length));
            copied += length;
        }
        socket.rx = pbuf_free_header(socket.rx, static_cast<u16_t>(copied));
        if (socket.tcp != nullptr) tcp_recved(socket.tcp, static_cast<u16_t>(copied));
        return copied;
    }
    if (socket.peer_closed) return uint64_t{0};
    if (socket.state == SocketState::Failed) return socket.error;
    if (socket.state != SocketState::Connected) return Error::NotConnected;
    return Error::WouldBlock;
}

Result<void> tcp_shutdown_socket(Socket& socket, proto::ShutdownHow how) {
    if (socket.state != SocketState::Connected || socket.tcp == nullptr) return Error::NotConnected;
    const bool read = how == proto::ShutdownHow::Read || how == proto::ShutdownHow::Both;
    const bool write = how == proto::ShutdownHow::Write || how == proto::ShutdownHow::Both;
    if (read) {
        if (socket.rx) {
            tcp_recved(socket.tcp, socket.rx->tot_len);
            pbuf_free(socket.rx);
            socket.rx = nullptr;
        }
        socket.peer_closed = true;
    }
    if (write && !socket.write_shut) {
        if (tcp_shutdown(socket.tcp, 0, 1) != ERR_OK) return Error::NoMemory;
        socket.write_shut = true;
    }
    return {};
}

void tcp_abandon_connect(Socket& socket) {
    if (socket.state != SocketState::Connecting || socket.tcp == nullptr) return;
    struct tcp_pcb* pcb = socket.tcp;
    detach(pcb, false);
    tcp_abort(pcb);
    socket.tcp = nullptr;
    socket.state = SocketState::Failed;
    socket.error = Error::Timeout;
}

void tcp_release(Socket& socket) {
    if (socket.tcp != nullptr) {
        struct tcp_pcb* pcb = socket.tcp;
        const bool listening = socket.state == SocketState::Listening;
        detach(pcb, listening);
        if (socket.rx != nullptr && !listening) tcp_recved(pcb, socket.rx->tot_len);
        if (tcp_close(pcb) != ERR_OK) tcp_abort(pcb);
    }
    if (socket.rx != nullptr) pbuf_free(socket.rx);
    socket.rx = nullptr;
    socket.tcp = nullptr;
}

uint16_t tcp_readiness(const Socket& socket) {
    uint16_t ready = 0;
    if (socket.state == SocketState::Failed) return proto::kReadable | proto::kFailed;
    if (socket.state == SocketState::Listening) return socket.backlog_count > 0 ? proto::kReadable : 0;
    if (socket.state != SocketState::Connected) return 0;
    if (socket.rx != nullptr || socket.peer_closed) ready |= proto::kReadable;
    if (!socket.write_shut && socket.tcp != nullptr && tcp_sndbuf(socket.tcp) > 0) ready |= proto::kWritable;
    return ready;
}

}  // namespace inet
