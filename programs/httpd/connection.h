// connection.h — one HTTP/1.1 connection of httpd, moved forward a step at
// a time by the server loop (server.h) whenever poll says its socket is
// ready: requests are read one after another (keep-alive, pipelining) into
// the connection's own buffer, each answered (response.h) with as much as the
// socket takes at once, so no connection ever waits for another.
//
// Entry points: open_connection, wanted_events, step_connection,
// close_connection.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "response.h"

namespace httpd {

inline constexpr uint32_t kIdleMs = 10'000;   // a connection where nothing moves this long is closed; a
                                              // request head must arrive whole this long after its first byte
inline constexpr size_t kMaxHead = 8192;      // a longer request head is 400
inline constexpr size_t kChunk = 16384;       // bytes of an answer handed to one send
static_assert(kChunk >= kMaxAnswerPrefix, "an answer's head and error page fit the send buffer");

struct Connection {
    bool open = false;
    uint32_t socket = 0;
    bool refused = false;         // its first request is answered 503 (too many connections)
    uint64_t deadline_ns = 0;     // closed if nothing is received or sent until then
    char head[kMaxHead];          // received bytes not yet parsed: the next request(s)
    size_t buffered = 0;
    bool answering = false;       // an answer is being sent (then nothing is read)
    Answer answer;
    char out[kChunk];             // the answer's bytes waiting to be sent
    size_t out_length = 0;
    size_t out_sent = 0;
    uint64_t file_left = 0;       // bytes of answer.file not yet read into `out`
};

// Takes over an accepted socket; `refused` as above.
void open_connection(Connection& connection, uint32_t socket, bool refused, uint64_t now_ns);

// What to poll the socket for: kReadable while waiting for a request,
// kWritable while answering.
uint16_t wanted_events(const Connection& connection);

// Does what the socket's readiness (poll's `ready`) allows without waiting:
// one recv or one send. Closes the connection when it ends (the peer closed
// or reset it, an answer that closes was sent, or a send or a file read failed).
void step_connection(Connection& connection, uint16_t ready, uint64_t now_ns);

// Closes the socket (and an answer's file) and frees the slot.
void close_connection(Connection& connection);

}  // namespace httpd
