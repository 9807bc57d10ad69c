// net_client.h — client functions for the network driver (protocol/net.h).
//
// Entry points: sys::net::link_info, open, close, send, receive.
#pragma once

#include <protocol/net.h>
#include <sys/kcall.h>
#include <sys/result.h>

namespace sys::net {

using protocol::net::LinkInfo;

// NoSuchEndpoint when the machine has no network device (netdrv not started).
Result<LinkInfo> link_info();
// Makes the caller the link's owner; `notify_tag` (0..62) asks for a
// notification whenever frames arrive, protocol::net::kNoNotify for none.
Result<void> open(uint32_t notify_tag = protocol::net::kNoNotify);
Result<void> close();
Result<void> send(const void* frame, size_t length);
// Copies the oldest received frame into `buffer` (capacity >= kMaxFrame) and
// returns its length; WouldBlock with none and wait_ms == 0, Timeout when
// none arrived within wait_ms.
Result<size_t> receive(void* buffer, size_t capacity, uint32_t wait_ms);

}  // namespace sys::net
