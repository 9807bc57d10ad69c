// receive.cpp — frames from the device to the link's owner: collecting what
// the device wrote (counting and dropping), copying the oldest frame into a
// client's grant, and answering or expiring the one Receive that waits.
//
// Entry points: owner_alive, collect_received, deliver_frame,
// answer_pending_receive, expire_pending_receive, ReadyQueue.
#include <sys/call.h>
#include <sys/grant.h>
#include <sys/kcall.h>

#include "handlers.h"

namespace netdrv {
namespace proto = protocol::net;

void ReadyQueue::push(const ReceivedFrame& frame) {
    frames_[(head_ + count_) % kBufferCount] = frame;
    ++count_;
}

ReceivedFrame ReadyQueue::pop() {
    const ReceivedFrame frame = frames_[head_];
    head_ = static_cast<uint16_t>((head_ + 1) % kBufferCount);
    --count_;
    return frame;
}

// The owner may have ended without Close: a notification to a dead endpoint
// fails, and the link is free again.
bool owner_alive(NetdrvState& state) {
    if (state.owner.client == neurath::kNone) return false;
    const uint32_t tag = state.owner.notify_tag != proto::kNoNotify ? state.owner.notify_tag : proto::kProbeTag;
    if (sys::notify(state.owner.client, tag).ok()) return true;
    state.owner = Owner{};
    return false;
}

namespace {

bool usable(const ReceivedFrame& frame) { return frame.length >= proto::kMinFrame && frame.length <= proto::kMaxFrame; }

void drop_all_ready(NetdrvState& state) {
    while (!state.ready.empty()) {
        state.nic.recycle(state.ready.pop().buffer);
        ++state.counters.drops;
    }
}

}  // namespace

void collect_received(NetdrvState& state) {
    ReceivedFrame frame;
    bool any = false;
    while (state.nic.next_received(frame)) {
        if (!usable(frame)) {
            state.nic.recycle(frame.buffer);
            ++state.counters.drops;
            continue;
        }
        ++state.counters.frames_in;
        state.counters.bytes_in += frame.length;
        state.ready.push(frame);
        any = true;
    }
    if (!any) return;
    if (state.owner.client == neurath::kNone) {
        drop_all_ready(state);
        return;
    }
    if (state.owner.notify_tag != proto::kNoNotify && sys::notify(state.owner.client, state.owner.notify_tag).is_error()) {
        state.owner = Owner{};  // the owner is gone
        drop_all_ready(state);
    }
}

Result<uint64_t> deliver_frame(NetdrvState& state, Endpoint client, const protocol::GrantRef& buffer) {
    const ReceivedFrame& frame = state.ready.front();
    TRY(sys::copy_to_grant(client, buffer, 0, state.nic.received_frame(frame.buffer), frame.length));
    const ReceivedFrame taken = state.ready.pop();
    state.nic.recycle(taken.buffer);
    return taken.length;
}

void answer_pending_receive(NetdrvState& state) {
    if (!state.pending.waiting || state.ready.empty()) return;
    const PendingReceive reader = state.pending;
    state.pending = PendingReceive{};
    (void)sys::set_alarm(0);
    const Result<uint64_t> delivered = deliver_frame(state, reader.client, reader.buffer);
    if (delivered.is_error()) {
        ++state.counters.errors;
        (void)sys::send_error_reply(reader.client, delivered.error());  // the frame stays for the next Receive
        if (!owner_alive(state)) drop_all_ready(state);
        return;
    }
    Message reply = sys::make_message(protocol::kReplyOk, proto::ReceiveReply{delivered.value()});
    (void)sys::send_reply(reader.client, reply);
}

void expire_pending_receive(NetdrvState& state) {
    if (!state.pending.waiting || sys::uptime_ns() < state.pending.deadline_ns) return;
    const Endpoint client = state.pending.client;
    state.pending = PendingReceive{};
    (void)sys::send_error_reply(client, Error::Timeout);
}

}  // namespace netdrv
