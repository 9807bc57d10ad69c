// connection.cpp — stepping one connection (see connection.h). Reading: one
// recv appends to the connection's request buffer (8 KiB: a head that does
// not fit is 400 and closes); a complete head is parsed and answered, the
// rest of the buffer kept for the next request. Answering: the answer's head
// (and error page) goes first, then the file, read from vfs 16 KiB at a time
// into the connection's own buffer and handed to send, which takes what the
// TCP window has room for. A request head must arrive whole within kIdleMs
// of its first byte. A peer that takes nothing for kIdleMs is closed
// like an idle one. Should a file read fail or the file end before its
// length, the connection is closed: the Content-Length already sent cannot
// be honoured, and the reason is printed.
//
// Entry points: open_connection, wanted_events, step_connection,
// close_connection.
#include "connection.h"

#include <sys/cstring.h>
#include <sys/socket.h>
#include <sys/stdio.h>
#include <sys/vfs_client.h>

#include "http_request.h"

namespace httpd {
namespace {

namespace pi = protocol::inet;

constexpr uint64_t kNanosPerMilli = 1'000'000;
// Poll said ready, so recv answers at once; the bound only guards against
// waiting should the data have gone meanwhile.
constexpr uint32_t kRecvWaitMs = 1;
// Room in the window normally means send takes bytes at once; when lwIP's
// segment queue is full instead, send waits this long for acknowledgements
// before the loop serves the others.
constexpr uint32_t kSendWaitMs = 20;

uint64_t idle_deadline(uint64_t now_ns) { return now_ns + uint64_t{kIdleMs} * kNanosPerMilli; }

void begin_answer(Connection& connection, const Answer& answer) {
    connection.answer = answer;
    connection.answering = true;
    connection.out_length = answer.prefix_length;
    connection.out_sent = 0;
    connection.file_left = answer.file_length;
}

// Starts answering the next complete request in the buffer, if there is one.
void answer_next_request(Connection& connection) {
    const size_t head_length = find_head_end(connection.head, connection.buffered);
    if (head_length == 0) {
        if (connection.buffered < kMaxHead) return;  // more of the head is to come
        printf("httpd: - 400 (request head over %lu bytes)\n", uint64_t{kMaxHead});
        begin_answer(connection, answer_head_too_long(connection.out, sizeof connection.out));
        return;
    }
    const Request request = parse_request(connection.head, head_length);
    sys::str::memmove(connection.head, connection.head + head_length, connection.buffered - head_length);
    connection.buffered -= head_length;
    const Answer answer = connection.refused ? answer_refused(request, connection.out, sizeof connection.out)
                                             : answer_request(request, connection.out, sizeof connection.out);
    printf("httpd: %s %d\n", request.path[0] ? request.path : "-", answer.status);
    begin_answer(connection, answer);
}

// One recv into the request buffer; false when the connection ended.
bool receive_step(Connection& connection, uint64_t now_ns) {
    auto got = sys::inet::recv(connection.socket, connection.head + connection.buffered,
                               kMaxHead - connection.buffered, kRecvWaitMs);
    if (got.is_error()) return got.error() == neurath::Error::Timeout;
    if (got.value() == 0) return false;  // the peer closed
    // A head gets kIdleMs from its first byte: one trickled in a byte at a
    // time cannot hold a connection forever.
    if (connection.buffered == 0) connection.deadline_ns = idle_deadline(now_ns);
    connection.buffered += got.value();
    answer_next_request(connection);
    return true;
}

// Once everything in `out` was sent, reads the next part of the answer's
// file into it; false when the file cannot give the bytes promised.
bool refill_from_file(Connection& connection) {
    if (connection.out_sent < connection.out_length || connection.file_left == 0) return true;
    const size_t wanted = connection.file_left < kChunk ? static_cast<size_t>(connection.file_left) : kChunk;
    auto got = sys::vfs::read(connection.answer.file, connection.out, wanted);
    if (got.is_error()) {
        printf("httpd: reading a file failed: %s; connection closed\n", neurath::error_name(got.error()));
        return false;
    }
    if (got.value() == 0) {
        printf("httpd: a file ended %lu bytes short of its length; connection closed\n", connection.file_left);
        return false;
    }
    connection.out_length = got.value();
    connection.out_sent = 0;
    connection.file_left -= got.value();
    return true;
}

void finish_answer(Connection& connection) {
    if (connection.answer.file >= 0) (void)sys::vfs::close(connection.answer.file);
    connection.answer = Answer{};
    connection.answering = false;
}

// One send of what is waiting; false when the connection ended.
bool send_step(Connection& connection, uint64_t now_ns) {
    if (!refill_from_file(connection)) return false;
    auto sent = sys::inet::send(connection.socket, connection.out + connection.out_sent,
                                connection.out_length - connection.out_sent, kSendWaitMs);
    if (sent.is_error()) return sent.error() == neurath::Error::Timeout;
    connection.out_sent += sent.value();
    connection.deadline_ns = idle_deadline(now_ns);
    if (connection.out_sent < connection.out_length || connection.file_left > 0) return true;
    const bool closes = connection.answer.closes;
    finish_answer(connection);
    if (closes) return false;
    answer_next_request(connection);  // a pipelined request may be waiting already
    return true;
}

}  // namespace

void open_connection(Connection& connection, uint32_t socket, bool refused, uint64_t now_ns) {
    connection.open = true;
    connection.socket = socket;
    connection.refused = refused;
    connection.deadline_ns = idle_deadline(now_ns);
    connection.buffered = 0;
    connection.answering = false;
    connection.answer = Answer{};
    connection.out_length = 0;
    connection.out_sent = 0;
    connection.file_left = 0;
}

uint16_t wanted_events(const Connection& connection) {
    return connection.answering ? pi::kWritable : pi::kReadable;
}

void step_connection(Connection& connection, uint16_t ready, uint64_t now_ns) {
    if ((ready & pi::kFailed) != 0) {
        close_connection(connection);  // reset: nothing more can be received or sent
        return;
    }
    const bool alive = connection.answering ? send_step(connection, now_ns) : receive_step(connection, now_ns);
    if (!alive) close_connection(connection);
}

void close_connection(Connection& connection) {
    if (connection.answer.file >= 0) (void)sys::vfs::close(connection.answer.file);
    connection.answer = Answer{};
    (void)sys::inet::close(connection.socket);
    connection.open = false;
}

}  // namespace httpd
