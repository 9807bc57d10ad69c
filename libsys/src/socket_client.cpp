// socket_client.cpp — client functions for the TCP/IP server (see socket.h).
#include <sys/call.h>
#include <sys/grant.h>
#include <sys/socket.h>

namespace sys::inet {
namespace pi = protocol::inet;
using neurath::kGrantRead;
using neurath::kGrantWrite;
using pi::kInet;

namespace {

// A zero-length request still needs a valid grant reference: one byte of
// this, never read or written because the length sent is 0.
uint8_t empty_window[1];

Result<Grant> grant_over(const void* data, size_t length, uint32_t access) {
    if (length == 0) return Grant::create(kInet, empty_window, 1, access);
    return Grant::create(kInet, data, length, access);
}

protocol::GrantRef ref_of(const Grant& grant, size_t length) {
    protocol::GrantRef ref = grant.ref();
    ref.length = length;
    return ref;
}

}  // namespace

Result<uint32_t> socket(SocketKind kind) {
    const auto reply = TRY(call<pi::SocketReply>(kInet, pi::kSocket, pi::SocketRequest{kind}));
    return reply.socket;
}

Result<void> bind(uint32_t socket, Address local) { return call_status(kInet, pi::kBind, pi::BindRequest{socket, local}); }

Result<void> listen(uint32_t socket, uint32_t backlog) {
    return call_status(kInet, pi::kListen, pi::ListenRequest{socket, backlog});
}

Result<Accepted> accept(uint32_t socket, uint32_t timeout_ms) {
    const auto reply = TRY(call<pi::AcceptReply>(kInet, pi::kAccept, pi::AcceptRequest{socket, timeout_ms}));
    return Accepted{reply.socket, reply.peer};
}

Result<void> connect(uint32_t socket, Address peer, uint32_t timeout_ms) {
    return call_status(kInet, pi::kConnect, pi::ConnectRequest{socket, timeout_ms, peer});
}

Result<size_t> send(uint32_t socket, const void* data, size_t length, uint32_t timeout_ms) {
    Grant grant = TRY(grant_over(data, length, kGrantRead));
    const auto reply = TRY(call<pi::SendReply>(kInet, pi::kSend, pi::SendRequest{socket, timeout_ms, ref_of(grant, length), {}}));
    return static_cast<size_t>(reply.bytes);
}

Result<size_t> send_to(uint32_t socket, const void* data, size_t length, Address to) {
    Grant grant = TRY(grant_over(data, length, kGrantRead));
    const auto reply = TRY(call<pi::SendReply>(kInet, pi::kSend, pi::SendRequest{socket, 0, ref_of(grant, length), to}));
    return static_cast<size_t>(reply.bytes);
}

Result<void> send_all(uint32_t socket, const void* data, size_t length) {
    const auto* bytes = static_cast<const uint8_t*>(data);
    while (length > 0) {
        const size_t sent = TRY(send(socket, bytes, length));
        bytes += sent;
        length -= sent;
    }
    return {};
}

Result<size_t> recv_from(uint32_t socket, void* buffer, size_t capacity, Address& from, uint32_t timeout_ms) {
    Grant grant = TRY(grant_over(buffer, capacity, kGrantWrite));
    const auto reply = TRY(call<pi::RecvReply>(kInet, pi::kRecv, pi::RecvRequest{socket, timeout_ms, ref_of(grant, capacity)}));
    from = reply.from;
    return static_cast<size_t>(reply.bytes);
}

Result<size_t> recv(uint32_t socket, void* buffer, size_t capacity, uint32_t timeout_ms) {
    Address from{};
    return recv_from(socket, buffer, capacity, from, timeout_ms);
}

Result<void> close(uint32_t socket) { return call_status(kInet, pi::kClose, pi::CloseRequest{socket}); }

Result<void> shutdown(uint32_t socket, pi::ShutdownHow how) {
    return call_status(kInet, pi::kShutdown, pi::ShutdownRequest{socket, how});
}

Result<uint32_t> poll(PollItem* items, uint32_t count, uint32_t timeout_ms) {
    const size_t length = count * sizeof(PollItem);
    Grant grant = TRY(grant_over(items, length, kGrantRead | kGrantWrite));
    const auto reply = TRY(call<pi::PollReply>(kInet, pi::kPoll, pi::PollRequest{ref_of(grant, length), timeout_ms}));
    return reply.ready;
}

Result<pi::InterfaceInfoReply> interface_info() {
    return call<pi::InterfaceInfoReply>(kInet, pi::kInterfaceInfo, protocol::common::Empty{});
}

Result<pi::PingReply> ping(uint32_t ip, uint16_t sequence, uint32_t timeout_ms, uint32_t payload) {
    return call<pi::PingReply>(kInet, pi::kPing, pi::PingRequest{ip, sequence, 0, timeout_ms, payload});
}

Result<pi::ArpQueryReply> arp_query(uint32_t ip, uint32_t timeout_ms) {
    return call<pi::ArpQueryReply>(kInet, pi::kArpQuery, pi::ArpQueryRequest{ip, timeout_ms});
}

}  // namespace sys::inet
