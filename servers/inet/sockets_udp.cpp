// sockets_udp.cpp — UDP sockets over lwIP's raw API (see sockets_udp.h).
//
// Entry points: as in sockets_udp.h.
#include "sockets_udp.h"

#include <sys/grant.h>

#include "lwip/def.h"
#include "lwip/udp.h"

namespace inet {
namespace {

namespace proto = protocol::inet;

ip_addr_t lwip_ip(uint32_t host_order) {
    ip_addr_t ip;
    ip_addr_set_ip4_u32(&ip, lwip_htonl(host_order));
    return ip;
}

void on_datagram(void* arg, struct udp_pcb*, struct pbuf* data, const ip_addr_t* from, u16_t port) {
    auto* socket = static_cast<Socket*>(arg);
    if (socket == nullptr || socket->datagram_count >= kMaxDatagrams) {
        pbuf_free(data);
        return;
    }
    const uint32_t slot = (socket->datagram_head + socket->datagram_count) % kMaxDatagrams;
    socket->datagrams[slot] = Datagram{data, Address{lwip_ntohl(ip4_addr_get_u32(ip_2_ip4(from))), port, 0}};
    ++socket->datagram_count;
}

}  // namespace

Result<void> udp_create(Socket& socket) {
    struct udp_pcb* pcb = udp_new();
    if (pcb == nullptr) return Error::NoMemory;
    udp_recv(pcb, on_datagram, &socket);
    socket.udp = pcb;
    return {};
}

Result<void> udp_bind_socket(Socket& socket, const Address& local) {
    const ip_addr_t ip = lwip_ip(local.ip);
    const err_t err = udp_bind(socket.udp, &ip, local.port);
    if (err == ERR_USE) return Error::AddressInUse;
    if (err != ERR_OK) return Error::InvalidArgument;
    return {};
}

Result<void> udp_connect_socket(Socket& socket, const Address& peer) {
    if (peer.ip == 0 || peer.port == 0) return Error::InvalidArgument;
    const ip_addr_t ip = lwip_ip(peer.ip);
    if (udp_connect(socket.udp, &ip, peer.port) != ERR_OK) return Error::NoMemory;
    socket.udp_connected = true;
    socket.peer = peer;
    socket.state = SocketState::Connected;
    return {};
}

Result<uint64_t> udp_send_datagram(Endpoint client, Socket& socket, const protocol::GrantRef& data, const Address& to) {
    if (data.length > kMaxDatagram) return Error::TooBig;
    const bool to_peer = to.ip == 0;
    if (to_peer && !socket.udp_connected) return Error::NotConnected;
    if (!to_peer && to.port == 0) return Error::InvalidArgument;
    struct pbuf* datagram = pbuf_alloc(PBUF_TRANSPORT, static_cast<u16_t>(data.length), PBUF_RAM);
    if (datagram == nullptr) return Error::NoMemory;
    auto copied = sys::copy_from_grant(client, data, 0, datagram->payload, data.length);
    if (copied.is_error()) {
        pbuf_free(datagram);
        return copied.error();
    }
    const ip_addr_t ip = lwip_ip(to.ip);
    const err_t err = to_peer ? udp_send(socket.udp, datagram) : udp_sendto(socket.udp, datagram, &ip, to.port);
    pbuf_free(datagram);
    if (err == ERR_RTE) return Error::NoRoute;
    if (err != ERR_OK) return Error::NoMemory;
    return data.length;
}

Result<uint64_t> udp_recv_attempt(Endpoint client, Socket& socket, const protocol::GrantRef& buffer, Address& from) {
    if (socket.datagram_count == 0) return Error::WouldBlock;
    Datagram& oldest = socket.datagrams[socket.datagram_head];
    const uint64_t length = oldest.data->tot_len < buffer.length ? oldest.data->tot_len : buffer.length;
    uint64_t copied = 0;
    for (struct pbuf* piece = oldest.data; piece != nullptr && copied < length; piece = piece->next) {
        const uint64_t step = piece->len < length - copied ? piece->len : length - copied;
        TRY(sys::copy_to_grant(client, buffer, copied, piece->payload, step));
        copied += step;
    }
    from = oldest.from;
    pbuf_free(oldest.data);
    oldest = Datagram{};
    socket.datagram_head = (socket.datagram_head + 1) % kMaxDatagrams;
    --socket.datagram_count;
    return copied;
}

void udp_release(Socket& socket) {
    if (socket.udp != nullptr) udp_remove(socket.udp);
    socket.udp = nullptr;
    while (socket.datagram_count > 0) {
        pbuf_free(socket.datagrams[socket.datagram_head].data);
        socket.datagram_head = (socket.datagram_head + 1) % kMaxDatagrams;
        --socket.datagram_count;
    }
}

uint16_t udp_readiness(const Socket& socket) {
    return static_cast<uint16_t>((socket.datagram_count > 0 ? proto::kReadable : 0) | proto::kWritable);
}

}  // namespace inet
