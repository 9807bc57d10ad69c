// net_client.cpp — client functions for the network driver (see net_client.h).
#include <sys/call.h>
#include <sys/grant.h>
#include <sys/net_client.h>

namespace sys::net {
namespace pn = protocol::net;
using neurath::kGrantRead;
using neurath::kGrantWrite;
using pn::kNetdrv;

Result<LinkInfo> link_info() { return call<LinkInfo>(kNetdrv, pn::kLinkInfo, pn::Empty{}); }

Result<void> open(uint32_t notify_tag) { return call_status(kNetdrv, pn::kOpen, pn::OpenRequest{notify_tag}); }

Result<void> close() { return call_status(kNetdrv, pn::kClose, pn::Empty{}); }

Result<void> send(const void* frame, size_t length) {
    Grant grant = TRY(Grant::create(kNetdrv, frame, length, kGrantRead));
    return call_status(kNetdrv, pn::kSend, pn::SendRequest{grant.ref()});
}

Result<size_t> receive(void* buffer, size_t capacity, uint32_t wait_ms) {
    Grant grant = TRY(Grant::create(kNetdrv, buffer, capacity, kGrantWrite));
    pn::ReceiveRequest request{grant.ref(), wait_ms};
    const auto reply = TRY(call<pn::ReceiveReply>(kNetdrv, pn::kReceive, request));
    return static_cast<size_t>(reply.length);
}

}  // namespace sys::net
