// tty.h — console driver protocol (endpoint neurath::kTty).
//
// Write copies `buffer.length` bytes from the client's read grant to the
// console. ReadLine is answered when a full line has been typed (deferred
// reply): the line, without its newline, is copied into the client's write
// grant (truncated to the grant's length) and the reply says how many bytes.
// Only one ReadLine may be pending at a time; a second gets Error::Busy.
// With kReadNoWait in `flags` ReadLine never waits: a complete line is
// delivered at once, else it fails with WouldBlock (a program that also
// waits on sockets, such as nc, asks between polls).
// ProcessGone (only from pm) drops a ReadLine held for a process that ended,
// so the next reader is not refused.
#pragma once

#include <protocol/common.h>

namespace protocol::tty {

inline constexpr uint32_t kMaxLine = 256;

inline constexpr int32_t kWrite = kTtyBase + 0;
inline constexpr int32_t kReadLine = kTtyBase + 1;
inline constexpr int32_t kProcessGone = kTtyBase + 2;  // only from pm
inline constexpr int32_t kRequestCount = 3;

struct WriteRequest {
    GrantRef buffer;  // read grant
};
inline constexpr uint32_t kReadNoWait = 1;  // ReadLineRequest::flags

struct ReadLineRequest {
    GrantRef buffer;  // write grant
    uint32_t flags;   // 0 or kReadNoWait; other bits: InvalidArgument
};
struct TransferReply {
    uint64_t bytes;
};

struct ProcessGoneRequest {
    Endpoint endpoint;
};

static_assert(kIsPayload<WriteRequest> && kIsPayload<ReadLineRequest> && kIsPayload<TransferReply>);
static_assert(kIsPayload<ProcessGoneRequest>);

}  // namespace protocol::tty
