// net.h — the network driver protocol (netdrv, endpoint kNetdrv): Ethernet
// frames in and out of the machine's NIC, for the TCP/IP server above it.
//
// Anyone may ask for LinkInfo (MAC address, link state, counters). Frames
// belong to one client at a time, the link's owner, and only the TCP/IP
// server (inet, protocol/inet.h) may be it: Open, Close, Send and Receive
// from any other process are refused (PermissionDenied). Open makes the
// caller the owner (Busy while another live process owns it; a restarted
// inet at its fixed endpoint gets it back), Close gives it up. Only the
// owner may Send and Receive (PermissionDenied otherwise).
//
// Send copies one frame (kMinFrame..kMaxFrame bytes: destination, source,
// type and payload, no FCS) out of a read grant and queues it on the NIC;
// WouldBlock when the transmit queue is full. Receive copies the oldest
// received frame into a write grant of at least kMaxFrame bytes and answers
// its length. With no frame waiting it answers WouldBlock, or, with
// `wait_ms` > 0, holds the reply (deferred) until a frame arrives or wait_ms
// pass (Timeout); one Receive may wait at a time. An owner that waits for
// notifications instead gives `notify_tag` in Open: netdrv notifies it with
// that tag whenever frames arrive. An owner that gave none may get tag
// kProbeTag when another client asks for the link: netdrv checks it lives.
//
// Errors: a frame of the wrong size is TooBig / InvalidArgument, a bad grant
// is the kernel's grant error (the frame is not sent, a received frame is
// kept for the next Receive), a malformed request changes nothing.
#pragma once

#include <protocol/common.h>

namespace protocol::net {

inline constexpr Endpoint kNetdrv = 6;           // servers/rs/system.conf
inline constexpr uint32_t kMinFrame = 14;        // an Ethernet header
inline constexpr uint32_t kMaxFrame = 1514;      // header + 1500-byte payload
inline constexpr uint32_t kNoNotify = 0xFFFFFFFFu;
inline constexpr uint32_t kProbeTag = 62;        // netdrv checking that the owner still lives
inline constexpr uint32_t kMaxWaitMs = 60'000;

inline constexpr int32_t kLinkInfo = kNetBase + 0;
inline constexpr int32_t kOpen = kNetBase + 1;
inline constexpr int32_t kClose = kNetBase + 2;
inline constexpr int32_t kSend = kNetBase + 3;
inline constexpr int32_t kReceive = kNetBase + 4;
inline constexpr int32_t kRequestCount = 5;

struct Empty {};

// Counters since the driver (re)started.
struct LinkInfo {
    uint8_t mac[6];
    uint8_t link_up;         // 1: the device reports the link up
    uint8_t owned;           // 1: a client owns the link
    uint64_t frames_in;      // frames received from the wire
    uint64_t frames_out;     // frames handed to the NIC
    uint64_t bytes_in;
    uint64_t bytes_out;
    uint64_t drops;          // received frames nobody took (no owner) or unusable (bad length)
    uint64_t errors;         // refused requests (bad size or tag, bad grant, not the owner, link busy)
};

struct OpenRequest {
    uint32_t notify_tag;     // 0..62, or kNoNotify
};

struct SendRequest {
    GrantRef frame;          // read grant, length = the frame's length
};

struct ReceiveRequest {
    GrantRef buffer;         // write grant, length >= kMaxFrame
    uint32_t wait_ms;        // 0: answer WouldBlock at once when no frame waits
};
struct ReceiveReply {
    uint64_t length;         // bytes of the frame written at the start of the grant
};

static_assert(kIsPayload<LinkInfo> && kIsPayload<OpenRequest> && kIsPayload<SendRequest>);
static_assert(kIsPayload<ReceiveRequest> && kIsPayload<ReceiveReply> && kIsPayload<Empty>);

}  // namespace protocol::net
