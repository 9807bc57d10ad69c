// handlers.cpp — inet's dispatch table and the requests that are not about
// one socket: interface info, ping and ARP queries (ping.cpp), pm's report
// of an ended process, and notifications (netdrv's frames, the kernel's
// alarm). After every event the waiting requests are tried again, and
// traffic to our own address, which lwIP loops back, is delivered.
//
// Entry points: make_table, attempt_request, wait_limit_ms, answer_on_expiry.
#include "handlers.h"

#include <protocol/net.h>

#include "address_config.h"
#include "link.h"
#include "socket_table.h"
#include "timers.h"
#include "waiters.h"

namespace inet {
namespace {

namespace proto = protocol::inet;
using neurath::payload_of;

Result<Disposition> handle_interface_info(InetState& state, const Message&, Message& reply) {
    proto::InterfaceInfoReply info{};
    const bool up = ip4_addr_get_u32(netif_ip4_addr(&state.interface)) != 0;
    info.ip = up ? state.config.ip : 0;
    info.netmask = up ? state.config.netmask : 0;
    info.gateway = up ? state.config.gateway : 0;
    info.source = state.config.source;
    info.up = up ? 1 : 0;
    for (int i = 0; i < 6; ++i) info.mac[i] = state.mac[i];
    for (uint32_t i = 0; i + 1 < proto::kNameLength && state.config.name[i]; ++i) info.name[i] = state.config.name[i];
    info.sockets = open_socket_count(state);
    for (const Socket& socket : state.sockets)
        info.tcp_connections += socket.kind == proto::SocketKind::Stream && socket.state == SocketState::Connected ? 1 : 0;
    info.dropped_frames = state.dropped_frames;
    payload_of<proto::InterfaceInfoReply>(reply) = info;
    return Disposition::Reply;
}

Result<Disposition> handle_process_gone(InetState& state, const Message& request, Message&) {
    const Endpoint gone = payload_of<proto::ProcessGoneRequest>(request).endpoint;
    drop_waiters_of(state, gone);
    release_sockets_of(state, gone);
    retry_waiters(state);
    return Disposition::Reply;
}

constexpr int kMaxSettleRounds = 32;

// After anything that may have made lwIP send: deliver what looped back to
// our own address (netif_poll) and retry the waiting requests, until
// nothing is left in the loop (bounded: the rest waits for the next event).
void settle(InetState& state) {
    for (int round = 0; round < kMaxSettleRounds; ++round) {
        netif_poll(&state.interface);
        retry_waiters(state);
        if (state.interface.loop_first == nullptr) return;
    }
}

// A request handler followed by settle (every route but ProcessGone's).
template <Result<Disposition> (*handler)(InetState&, const Message&, Message&)>
Result<Disposition> settled(InetState& state, const Message& request, Message& reply) {
    Result<Disposition> result = handler(state, request, reply);
    settle(state);
    return result;
}

// netdrv's notification (frames arrived) or the kernel's alarm (timers,
// deadlines): either way, take the frames, run lwIP's timers, retry.
Result<Disposition> handle_notify(InetState& state, const Message& request, Message&) {
    if (request.source == protocol::net::kNetdrv) receive_frames(state);
    else keep_link(state);
    run_timers(state);
    note_address_change(state);
    settle(state);
    schedule_alarm(state);
    return Disposition::NoReply;
}

}  // namespace

Result<Disposition> attempt_request(InetState& state, const Message& request, Message& reply) {
    switch (request.type) {
    case proto::kAccept: return attempt_accept(state, request, reply);
    case proto::kConnect: return attempt_connect(state, request, reply);
    case proto::kSend: return attempt_send(state, request, reply);
    case proto::kRecv: return attempt_recv(state, request, reply);
    case proto::kPoll: return attempt_poll(state, request, reply);
    case proto::kPing: return attempt_ping(state, request, reply);
    case proto::kArpQuery: return attempt_arp_query(state, request, reply);
    default: return Error::BadMessage;
    }
}

uint32_t wait_limit_ms(const Message& request) {
    switch (request.type) {
    case proto::kAccept: return payload_of<proto::AcceptRequest>(request).timeout_ms;
    case proto::kConnect: return payload_of<proto::ConnectRequest>(request).timeout_ms;
    case proto::kSend: return payload_of<proto::SendRequest>(request).timeout_ms;
    case proto::kRecv: return payload_of<proto::RecvRequest>(request).timeout_ms;
    case proto::kPoll: return payload_of<proto::PollRequest>(request).timeout_ms;
    case proto::kPing: return payload_of<proto::PingRequest>(request).timeout_ms;
    case proto::kArpQuery: return payload_of<proto::ArpQueryRequest>(request).timeout_ms;
    default: return 0;
    }
}

bool answer_on_expiry(InetState&, const Message& request, Message& reply) {
    if (request.type != proto::kPoll) return false;
    payload_of<proto::PollReply>(reply).ready = 0;
    return true;
}

sys::DispatchTable<InetState> make_table() {
    sys::DispatchTable<InetState> table(protocol::kInetBase);
    table.on(proto::kSocket, handle_socket)
        .on(proto::kBind, handle_bind)
        .on(proto::kListen, handle_listen)
        .on(proto::kAccept, settled<attempt_or_wait>)
        .on(proto::kConnect, settled<attempt_or_wait>)
        .on(proto::kSend, settled<attempt_or_wait>)
        .on(proto::kRecv, settled<attempt_or_wait>)
        .on(proto::kClose, settled<handle_close>)
        .on(proto::kShutdown, settled<handle_shutdown>)
        .on(proto::kPoll, attempt_or_wait)
        .on(proto::kInterfaceInfo, handle_interface_info)
        .on(proto::kPing, settled<attempt_or_wait>)
        .on(proto::kArpQuery, attempt_or_wait)
        .on(proto::kProcessGone, handle_process_gone, neurath::kPm)
        .on(neurath::kmsg::kNotify, handle_notify)
        .accept_notifications_from(protocol::net::kNetdrv);
    return table;
}

}  // namespace inet
