// ping.cpp — ICMP echo (Ping) through a raw lwIP pcb, and neighbours'
// hardware addresses (ArpQuery) through lwIP's ARP cache. Each pending ping
// belongs to the client waiting for it; its sequence number on the wire is
// unique among pending pings, so replies find their client.
//
// Entry points: open_ping, attempt_ping, attempt_arp_query, forget_pending_of.
#include <sys/kcall.h>

#include "handlers.h"
#include "lwip/def.h"
#include "lwip/etharp.h"
#include "lwip/inet_chksum.h"
#include "lwip/prot/icmp.h"
#include "lwip/prot/ip4.h"
#include "lwip/raw.h"

namespace inet {
namespace {

namespace proto = protocol::inet;
using neurath::payload_of;

constexpr uint16_t kEchoIdentifier = 0x4E54;  // "NT"
constexpr uint32_t kMaxPayload = 1024;
constexpr uint32_t kMaxTimeoutMs = 60'000;

PendingPing* ping_of(InetState& state, Endpoint client) {
    for (PendingPing& ping : state.pings)
        if (ping.used && ping.client == client) return &ping;
    return nullptr;
}

// Takes echo replies that answer one of our pings; leaves everything else to lwIP.
u8_t on_icmp(void* arg, struct raw_pcb*, struct pbuf* packet, const ip_addr_t*) {
    auto* state = static_cast<InetState*>(arg);
    if (packet->len < IP_HLEN) return 0;
    const auto* ip = static_cast<const struct ip_hdr*>(packet->payload);
    const uint16_t header = static_cast<uint16_t>(IPH_HL_BYTES(ip));
    if (packet->tot_len < header + sizeof(struct icmp_echo_hdr) || packet->len < header + sizeof(struct icmp_echo_hdr)) return 0;
    const auto* echo = reinterpret_cast<const struct icmp_echo_hdr*>(static_cast<const uint8_t*>(packet->payload) + header);
    if (ICMPH_TYPE(echo) != ICMP_ER || lwip_ntohs(echo->id) != kEchoIdentifier) return 0;
    const uint16_t sequence = lwip_ntohs(echo->seqno);
    for (PendingPing& ping : state->pings) {
        if (!ping.used || ping.answered || ping.sequence != sequence) continue;
        ping.answered = true;
        ping.round_trip_us = (sys::uptime_ns() - ping.sent_ns) / 1000;
        ping.ttl = IPH_TTL(ip);
        pbuf_free(packet);
        return 1;
    }
    return 0;
}

Result<void> send_echo(InetState& state, PendingPing& ping, uint32_t destination, uint32_t payload) {
    struct pbuf* packet = pbuf_alloc(PBUF_IP, static_cast<u16_t>(sizeof(struct icmp_echo_hdr) + payload), PBUF_RAM);
    if (packet == nullptr) return Error::NoMemory;
    auto* echo = static_cast<struct icmp_echo_hdr*>(packet->payload);
    ICMPH_TYPE_SET(echo, ICMP_ECHO);
    ICMPH_CODE_SET(echo, 0);
    echo->id = lwip_htons(kEchoIdentifier);
    echo->seqno = lwip_htons(ping.sequence);
    auto* data = reinterpret_cast<uint8_t*>(echo + 1);
    for (uint32_t i = 0; i < payload; ++i) data[i] = static_cast<uint8_t>(i);
    echo->chksum = 0;
    echo->chksum = inet_chksum(echo, packet->len);
    ip_addr_t to;
    ip_addr_set_ip4_u32(&to, lwip_htonl(destination));
    ping.sent_ns = sys::uptime_ns();
    const err_t err = raw_sendto(state.ping_pcb, packet, &to);
    pbuf_free(packet);
    if (err == ERR_RTE) return Error::NoRoute;
    if (err != ERR_OK) return Error::NoMemory;
    return {};
}

Result<Disposition> start_ping(InetState& state, const Message& request) {
    const auto& in = payload_of<proto::PingRequest>(request);
    if (in.ip == 0 || in.payload > kMaxPayload || in.timeout_ms == 0 || in.timeout_ms > kMaxTimeoutMs)
        return Error::InvalidArgument;
    if (state.ping_pcb == nullptr) return Error::NotSupported;
    PendingPing* slot = nullptr;
    for (PendingPing& ping : state.pings)
        if (!ping.used) slot = &ping;
    if (slot == nullptr) return Error::Busy;
    *slot = PendingPing{true, request.source, state.next_ping_sequence++, 0, false, 0, 0};
    auto sent = send_echo(state, *slot, in.ip, in.payload);
    if (sent.is_error()) {
        *slot = PendingPing{};
        return sent.error();
    }
    return Error::WouldBlock;
}

}  // namespace

Result<void> open_ping(InetState& state) {
    state.ping_pcb = raw_new(IP_PROTO_ICMP);
    if (state.ping_pcb == nullptr) return Error::NoMemory;
    raw_recv(state.ping_pcb, on_icmp, &state);
    return {};
}

Result<Disposition> attempt_ping(InetState& state, const Message& request, Message& reply) {
    PendingPing* ping = ping_of(state, request.source);
    if (ping == nullptr) return start_ping(state, request);
    if (!ping->answered) return Error::WouldBlock;
    payload_of<proto::PingReply>(reply) = {ping->round_trip_us, ping->ttl};
    *ping = PendingPing{};
    return Disposition::Reply;
}

// An ArpQuery asks the network, never just the cache: its first attempt
// empties lwIP's ARP cache (entries are learnt again on demand) and sends
// one request; later attempts look for the answer. One query at a time.
Result<Disposition> attempt_arp_query(InetState& state, const Message& request, Message& reply) {
    const auto& in = payload_of<proto::ArpQueryRequest>(request);
    if (in.ip == 0 || in.timeout_ms == 0 || in.timeout_ms > kMaxTimeoutMs) return Error::InvalidArgument;
    if (ip4_addr_get_u32(netif_ip4_addr(&state.interface)) == 0) return Error::NoRoute;
    ip4_addr_t ip;
    ip4_addr_set_u32(&ip, lwip_htonl(in.ip));
    if (state.arp_client != request.source || state.arp_ip != in.ip) {
        if (state.arp_client != neurath::kNone && state.arp_client != request.source) return Error::Busy;
        etharp_cleanup_netif(&state.interface);
        if (etharp_request(&state.interface, &ip) != ERR_OK) return Error::NoMemory;
        state.arp_client = request.source;
        state.arp_ip = in.ip;
        return Error::WouldBlock;
    }
    struct eth_addr* mac = nullptr;
    const ip4_addr_t* cached = nullptr;
    if (etharp_find_addr(&state.interface, &ip, &mac, &cached) < 0 || mac == nullptr) return Error::WouldBlock;
    for (int i = 0; i < 6; ++i) payload_of<proto::ArpQueryReply>(reply).mac[i] = mac->addr[i];
    state.arp_client = neurath::kNone;
    return Disposition::Reply;
}

void forget_pending_of(InetState& state, Endpoint client) {
    for (PendingPing& ping : state.pings)
        if (ping.used && ping.client == client) ping = PendingPing{};
    if (state.arp_client == client) state.arp_client = neurath::kNone;
}

}  // namespace inet
