// handlers.cpp — netdrv's requests: link info for anyone; open, close, send
// and receive for the link's owner, which only inet may be; the device's IRQ and the receive
// deadline as notifications from the kernel. Every refusal of a client's
// request counts as an error in LinkInfo and changes nothing else.
//
// Entry points: make_table and the handlers below (protocol/net.h).
#include <neurath/syscall.h>
#include <protocol/inet.h>
#include <sys/grant.h>
#include <sys/kcall.h>

#include "handlers.h"

namespace netdrv {
namespace proto = protocol::net;
using neurath::payload_of;

namespace {

constexpr uint64_t kNanosPerMilli = 1'000'000;

Error refuse(NetdrvState& state, Error error) {
    ++state.counters.errors;
    return error;
}

// The link carries the machine's IP traffic: only the TCP/IP server may own
// it (everyone may read LinkInfo).
Result<void> require_inet(NetdrvState& state, const Message& request) {
    if (request.source != protocol::inet::kInet) return refuse(state, Error::PermissionDenied);
    return {};
}

Result<void> require_owner(NetdrvState& state, const Message& request) {
    TRY(require_inet(state, request));
    if (state.owner.client != request.source) return refuse(state, Error::PermissionDenied);
    return {};
}

Result<Disposition> handle_link_info(NetdrvState& state, const Message&, Message& reply) {
    proto::LinkInfo info{};
    for (int i = 0; i < 6; ++i) info.mac[i] = state.nic.mac()[i];
    info.link_up = state.nic.link_up() ? 1 : 0;
    info.owned = state.owner.client != neurath::kNone ? 1 : 0;
    info.frames_in = state.counters.frames_in;
    info.frames_out = state.counters.frames_out;
    info.bytes_in = state.counters.bytes_in;
    info.bytes_out = state.counters.bytes_out;
    info.drops = state.counters.drops;
    info.errors = state.counters.errors;
    payload_of<proto::LinkInfo>(reply) = info;
    return Disposition::Reply;
}

Result<Disposition> handle_open(NetdrvState& state, const Message& request, Message&) {
    TRY(require_inet(state, request));
    const uint32_t tag = payload_of<proto::OpenRequest>(request).notify_tag;
    if (tag != proto::kNoNotify && tag >= neurath::kAlarmTag) return refuse(state, Error::InvalidArgument);
    if (state.owner.client != request.source && owner_alive(state)) return refuse(state, Error::Busy);
    // A Receive still held for an owner that ended is nobody's now: the new
    // owner's own Receive must not be refused as Busy until it expires.
    if (state.pending.waiting && state.pending.client != request.source) {
        state.pending = PendingReceive{};
        (void)sys::set_alarm(0);
    }
    state.owner = Owner{request.source, tag};
    return Disposition::Reply;
}

Result<Disposition> handle_close(NetdrvState& state, const Message& request, Message&) {
    TRY(require_owner(state, request));
    state.owner = Owner{};
    collect_received(state);  // with no owner, what waits is dropped
    return Disposition::Reply;
}

Result<Disposition> handle_send(NetdrvState& state, const Message& request, Message&) {
    TRY(require_owner(state, request));
    const protocol::GrantRef frame = payload_of<proto::SendRequest>(request).frame;
    if (frame.length > proto::kMaxFrame) return refuse(state, Error::TooBig);
    if (frame.length < proto::kMinFrame) return refuse(state, Error::InvalidArgument);
    const uint16_t slot = TRY(state.nic.free_transmit_slot());
    auto copied = sys::copy_from_grant(request.source, frame, 0, state.nic.transmit_frame(slot), frame.length);
    if (copied.is_error()) return refuse(state, copied.error());
    state.nic.transmit(slot, static_cast<uint32_t>(frame.length));
    ++state.counters.frames_out;
    state.counters.bytes_out += frame.length;
    return Disposition::Reply;
}

Result<Disposition> handle_receive(NetdrvState& state, const Message& request, Message& reply) {
    TRY(require_owner(state, request));
    const auto& in = payload_of<proto::ReceiveRequest>(request);
    if (in.buffer.length < proto::kMaxFrame || in.wait_ms > proto::kMaxWaitMs)
        return refuse(state, Error::InvalidArgument);
    if (state.pending.waiting) return refuse(state, Error::Busy);
    collect_received(state);
    if (!state.ready.empty()) {
        auto delivered = deliver_frame(state, request.source, in.buffer);
        if (delivered.is_error()) return refuse(state, delivered.error());
        payload_of<proto::ReceiveReply>(reply).length = delivered.value();
        return Disposition::Reply;
    }
    if (in.wait_ms == 0) return Error::WouldBlock;
    const uint64_t wait_ns = uint64_t{in.wait_ms} * kNanosPerMilli;
    state.pending = PendingReceive{true, request.source, in.buffer, sys::uptime_ns() + wait_ns};
    TRY(sys::set_alarm(wait_ns));
    return Disposition::Deferred;
}

Result<Disposition> handle_notify(NetdrvState& state, const Message& request, Message&) {
    if (request.source != neurath::kKernel) return Disposition::NoReply;
    const uint64_t bits = payload_of<neurath::NotifyPayload>(request).pending_bits;
    if ((bits >> state.irq) & 1) service_device(state);
    if ((bits >> neurath::kAlarmTag) & 1) expire_pending_receive(state);
    return Disposition::NoReply;
}

}  // namespace

// The (level-triggered) line is unmasked last, once the device is acknowledged.
void service_device(NetdrvState& state) {
    (void)state.nic.acknowledge_interrupt();
    state.nic.reclaim_transmitted();
    collect_received(state);
    answer_pending_receive(state);
    (void)sys::irq_subscribe(state.irq);
}

sys::DispatchTable<NetdrvState> make_table() {
    sys::DispatchTable<NetdrvState> table(protocol::kNetBase);
    table.on(proto::kLinkInfo, handle_link_info)
        .on(proto::kOpen, handle_open)
        .on(proto::kClose, handle_close)
        .on(proto::kSend, handle_send)
        .on(proto::kReceive, handle_receive)
        .on(neurath::kmsg::kNotify, handle_notify);
    return table;
}

}  // namespace netdrv
