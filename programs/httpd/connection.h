// connection.h — one HTTP/1.1 connection of httpd: requests read one after
// another (keep-alive, pipelining), each answered with a file from vfs or an
// error page, always with Content-Length.
//
// Entry point: serve_connection.
#pragma once

#include <stdint.h>

namespace httpd {

// Serves requests until the peer closes, an error ends the connection, a
// request asks to close, or the connection stays idle for kIdleMs.
void serve_connection(uint32_t socket);

inline constexpr uint32_t kIdleMs = 10'000;

}  // namespace httpd
