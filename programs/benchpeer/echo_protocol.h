// echo_protocol.h — the tiny protocol between /bin/benchpeer (an echo
// partner) and the programs that drive it (bench, ipcstress).
//
// Requests use types in a private range above every server's. kEcho: the
// reply's payload is the request's with every 64-bit word incremented by one
// (so a reply cannot be mistaken for the request); kQuit: the peer replies
// and exits with status 0. Entry points: the constants, EchoPayload,
// expected_echo.
#pragma once

#include <neurath/message.h>
#include <stdint.h>

namespace echo {

inline constexpr int32_t kEcho = 0x7000;
inline constexpr int32_t kQuit = 0x7001;
inline constexpr uint32_t kWords = neurath::kPayloadSize / sizeof(uint64_t);

struct EchoPayload {
    uint64_t words[kWords];
};
static_assert(neurath::kIsPayload<EchoPayload>);

inline EchoPayload expected_echo(const EchoPayload& request) {
    EchoPayload reply = request;
    for (uint64_t& word : reply.words) ++word;
    return reply;
}

}  // namespace echo
