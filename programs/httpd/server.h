// server.h — httpd's one loop: poll waits on the listening socket and on
// every open connection together, and each connection poll finds ready takes
// one step (connection.h), so a slow or idle client holds up nobody.
//
// Up to kMaxServed connections are served at once. A connection accepted
// while that many are open is still read, but its first request is answered
// 503 Service Unavailable (with Retry-After) and the connection closed; up to
// kMaxRefused such connections are open at once (the request is read first
// so the client is not reset before it sees the answer). Beyond that the
// listening socket is not polled: new connections wait in the listen backlog
// until a connection ends. Together they stay within poll's 16 sockets.
//
// Entry point: serve.
#pragma once

#include <protocol/inet.h>
#include <sys/result.h>

namespace httpd {

inline constexpr uint32_t kMaxServed = 12;
inline constexpr uint32_t kMaxRefused = 3;
inline constexpr uint32_t kMaxConnections = kMaxServed + kMaxRefused;
static_assert(kMaxConnections + 1 <= protocol::inet::kMaxPollItems, "the listener and every connection in one poll");

// Why the loop stopped: the call that failed (`step`, e.g. "poll") and its error.
struct ServeError {
    neurath::Error code = neurath::Error::None;
    const char* step = "";
};

// Serves connections on a listening socket; returns only when poll or accept
// fails (e.g. inet restarted and the socket is gone).
sys::Result<void, ServeError> serve(uint32_t listener);

}  // namespace httpd
