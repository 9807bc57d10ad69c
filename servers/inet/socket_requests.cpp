// socket_requests.cpp — the socket requests: decode (the caller's socket by
// id and owner, arguments checked) and invoke the TCP or UDP half. The ones
// that may wait are attempts (handlers.h): WouldBlock means "not yet".
//
// Entry points: handle_socket, handle_bind, handle_listen, handle_close,
// handle_shutdown, attempt_accept, attempt_connect, attempt_send,
// attempt_recv, attempt_poll, abandon_connect.
#include <sys/grant.h>
#include <sys/kernel_processes.h>

#include "handlers.h"
#include "socket_table.h"
#include "sockets_tcp.h"
#include "sockets_udp.h"
#include "waiters.h"

namespace inet {
namespace {

namespace proto = protocol::inet;
using neurath::payload_of;
using proto::SocketKind;

bool is_stream(const Socket& socket) { return socket.kind == SocketKind::Stream; }

// Ports below 1024 need the caller's profile to carry `net privileged-ports`,
// which pm gave the process at spawn and the kernel carries in its
// privileges (inet never asks pm: pm calls inet, so neither can wait for the
// other).
Result<void> check_port_permission(Endpoint client, uint16_t port) {
    if (port == 0 || port >= proto::kFirstUnprivilegedPort) return {};
    const neurath::ProcessInfo process = TRY(sys::process_at(client));
    if ((process.server_permissions & neurath::kPermitPrivilegedPorts) == 0) return Error::PermissionDenied;
    return {};
}

}  // namespace

Result<Disposition> handle_socket(InetState& state, const Message& request, Message& reply) {
    const SocketKind kind = payload_of<proto::SocketRequest>(request).kind;
    if (kind != SocketKind::Stream && kind != SocketKind::Datagram) return Error::InvalidArgument;
    Socket* socket = TRY(allocate_socket(state, request.source, kind));
    auto created = kind == SocketKind::Stream ? tcp_create(*socket) : udp_create(*socket);
    if (created.is_error()) {
        release_socket(state, *socket);
        return created.error();
    }
    payload_of<proto::SocketReply>(reply).socket = socket->id;
    return Disposition::Reply;
}

Result<Disposition> handle_bind(InetState& state, const Message& request, Message&) {
    const auto& in = payload_of<proto::BindRequest>(request);
    Socket* socket = TRY(find_socket(state, request.source, in.socket));
    TRY(check_port_permission(request.source, in.local.port));
    if (is_stream(*socket)) TRY(tcp_bind_socket(*socket, in.local));
    else TRY(udp_bind_socket(*socket, in.local));
    return Disposition::Reply;
}

Result<Disposition> handle_listen(InetState& state, const Message& request, Message&) {
    const auto& in = payload_of<proto::ListenRequest>(request);
    Socket* socket = TRY(find_socket(state, request.source, in.socket));
    if (!is_stream(*socket)) return Error::NotSupported;
    TRY(tcp_listen_socket(*socket, in.backlog));
    return Disposition::Reply;
}

Result<Disposition> handle_close(InetState& state, const Message& request, Message&) {
    Socket* socket = TRY(find_socket(state, request.source, payload_of<proto::CloseRequest>(request).socket));
    release_socket(state, *socket);
    retry_waiters(state);  // requests waiting on it end now
    return Disposition::Reply;
}

Result<Disposition> handle_shutdown(InetState& state, const Message& request, Message&) {
    const auto& in = payload_of<proto::ShutdownRequest>(request);
    Socket* socket = TRY(find_socket(state, request.source, in.socket));
    if (in.how != proto::ShutdownHow::Read && in.how != proto::ShutdownHow::Write && in.how != proto::ShutdownHow::Both)
        return Error::InvalidArgument;
    if (!is_stream(*socket)) return Error::NotSupported;
    TRY(tcp_shutdown_socket(*socket, in.how));
    retry_waiters(state);
    return Disposition::Reply;
}

Result<Disposition> attempt_accept(InetState& state, const Message& request, Message& reply) {
    Socket* listener = TRY(find_socket(state, request.source, payload_of<proto::AcceptRequest>(request).socket));
    if (!is_stream(*listener)) return Error::NotSupported;
    Socket* accepted = TRY(tcp_accept_attempt(state, *listener));
    payload_of<proto::AcceptReply>(reply) = {accepted->id, accepted->peer};
    return Disposition::Reply;
}

Result<Disposition> attempt_connect(InetState& state, const Message& request, Message&) {
    const auto& in = payload_of<proto::ConnectRequest>(request);
    Socket* socket = TRY(find_socket(state, request.source, in.socket));
    if (is_stream(*socket)) TRY(tcp_connect_attempt(*socket, in.peer));
    else TRY(udp_connect_socket(*socket, in.peer));
    return Disposition::Reply;
}

void abandon_connect(InetState& state, const Message& request) {
    auto socket = find_socket(state, request.source, payload_of<proto::ConnectRequest>(request).socket);
    if (socket.ok() && is_stream(*socket.value())) tcp_abandon_connect(*socket.value());
}

Result<Disposition> attempt_send(InetState& state, const Message& request, Message& reply) {
    const auto& in = payload_of<proto::SendRequest>(request);
    Socket* socket = TRY(find_socket(state, request.source, in.socket));
    const uint64_t bytes = is_stream(*socket) ? TRY(tcp_send_attempt(request.source, *socket, in.data))
                                              : TRY(udp_send_datagram(request.source, *socket, in.data, in.to));
    payload_of<proto::SendReply>(reply).bytes = bytes;
    return Disposition::Reply;
}

Result<Disposition> attempt_recv(InetState& state, const Message& request, Message& reply) {
    const auto& in = payload_of<proto::RecvRequest>(request);
    Socket* socket = TRY(find_socket(state, request.source, in.socket));
    Address from = socket->peer;
    const uint64_t bytes = is_stream(*socket) ? TRY(tcp_recv_attempt(request.source, *socket, in.buffer))
                                              : TRY(udp_recv_attempt(request.source, *socket, in.buffer, from));
    payload_of<proto::RecvReply>(reply) = {bytes, from};
    return Disposition::Reply;
}

// Every item must name one of the caller's sockets; the whole request is
// refused otherwise.
Result<Disposition> attempt_poll(InetState& state, const Message& request, Message& reply) {
    const auto& in = payload_of<proto::PollRequest>(request);
    const uint64_t count = in.items.length / sizeof(proto::PollItem);
    if (count == 0 || count > proto::kMaxPollItems || in.items.length % sizeof(proto::PollItem) != 0)
        return Error::InvalidArgument;
    proto::PollItem items[proto::kMaxPollItems];
    TRY(sys::copy_from_grant(request.source, in.items, 0, items, count * sizeof(proto::PollItem)));
    uint32_t ready = 0;
    for (uint64_t i = 0; i < count; ++i) {
        Socket* socket = TRY(find_socket(state, request.source, items[i].socket));
        const uint16_t now = is_stream(*socket) ? tcp_readiness(*socket) : udp_readiness(*socket);
        items[i].ready = static_cast<uint16_t>(now & (items[i].events | proto::kFailed));
        ready += items[i].ready != 0 ? 1 : 0;
    }
    if (ready == 0 && in.timeout_ms != 0) return Error::WouldBlock;
    TRY(sys::copy_to_grant(request.source, in.items, 0, items, count * sizeof(proto::PollItem)));
    payload_of<proto::PollReply>(reply).ready = ready;
    return Disposition::Reply;
}

}  // namespace inet
