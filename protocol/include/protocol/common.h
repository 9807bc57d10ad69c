// common.h — conventions shared by every server protocol.
//
// Requests: Message::type is a request code from the server's range below;
// the payload is the request's struct (payload_of<...>). Replies: Message::type
// is the status — kReplyOk (0) or -(neurath::Error) — and the payload is the
// reply struct (meaningful only on success). Bulk data (paths, file contents,
// listings) never travels in a message: the client creates a grant over its
// buffer and sends a GrantRef; the server copies with SafeCopyFrom/To.
//
// Ranges: 0x000-0x0FF kernel (neurath::kmsg), 0x100 requests every server
// framework answers, 0x200 rs, 0x300 pm, 0x400 vfs, 0x500 ds, 0x600 tty;
// 0x700 kvd (a user program found through ds, protocol/kv.h), 0x800 netdrv,
// 0x900 inet.
#pragma once

#include <neurath/endpoint.h>
#include <neurath/error.h>
#include <neurath/message.h>
#include <stdint.h>

namespace protocol {

using neurath::Endpoint;
using neurath::kIsPayload;

inline constexpr int32_t kReplyOk = 0;
constexpr int32_t reply_type_for(neurath::Error e) { return -static_cast<int32_t>(e); }
constexpr neurath::Error error_of_reply(int32_t type) {
    return type >= 0 ? neurath::Error::None : static_cast<neurath::Error>(-type);
}

inline constexpr int32_t kCommonBase = 0x100;
inline constexpr int32_t kRsBase = 0x200;
inline constexpr int32_t kPmBase = 0x300;
inline constexpr int32_t kVfsBase = 0x400;
inline constexpr int32_t kDsBase = 0x500;
inline constexpr int32_t kTtyBase = 0x600;
inline constexpr int32_t kKvBase = 0x700;
inline constexpr int32_t kNetBase = 0x800;
inline constexpr int32_t kInetBase = 0x900;
inline constexpr int32_t kRangeSize = 0x100;

// A window of the client's memory the server may copy from/to.
struct GrantRef {
    uint64_t id;
    uint64_t length;
};
static_assert(sizeof(GrantRef) == 16);

// Requests every server built on the libsys framework answers.
namespace common {
inline constexpr int32_t kPing = kCommonBase + 0;         // Empty -> Empty
inline constexpr int32_t kCrashInject = kCommonBase + 1;  // Empty -> (crashes); only from rs

struct Empty {};
static_assert(kIsPayload<Empty>);
}  // namespace common

}  // namespace protocol
