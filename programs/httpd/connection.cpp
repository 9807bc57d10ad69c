// connection.cpp — serving one connection (see connection.h): the request
// head is read into a buffer (8 KiB at most: longer heads are 400), the rest
// of the buffer is kept for the next request; files are streamed from vfs
// in chunks. Statuses: 200, 400 (malformed; the connection then closes), 404
// (no such file), 405 (a method other than GET and HEAD, with Allow), 414
// (a target longer than 255 bytes; closes).
//
// Entry point: serve_connection.
#include "connection.h"

#include <sys/cstring.h>
#include <sys/format.h>
#include <sys/socket.h>
#include <sys/stdio.h>
#include <sys/vfs_client.h>

#include "http_request.h"

namespace httpd {
namespace {

constexpr size_t kMaxHead = 8192;
constexpr size_t kChunk = 16384;

char head_buffer[kMaxHead];
uint8_t file_chunk[kChunk];

const char* reason_of(int status) {
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 414: return "URI Too Long";
    default: return "Internal Server Error";
    }
}

const char* content_type_of(const char* path) {
    const char* dot = sys::str::strrchr(path, '.');
    if (dot == nullptr) return "application/octet-stream";
    if (sys::str::strcmp(dot, ".html") == 0 || sys::str::strcmp(dot, ".htm") == 0) return "text/html";
    if (sys::str::strcmp(dot, ".txt") == 0 || sys::str::strcmp(dot, ".conf") == 0 || sys::str::strcmp(dot, ".lua") == 0)
        return "text/plain";
    return "application/octet-stream";
}

sys::Result<void> send_head(uint32_t socket, int status, uint64_t length, const char* type, bool keep_alive) {
    char head[256];
    const int used = sys::format(head, sizeof head,
                                 "HTTP/1.1 %d %s\r\nServer: neurath-httpd\r\nContent-Length: %lu\r\nContent-Type: %s\r\n"
                                 "%sConnection: %s\r\n\r\n",
                                 status, reason_of(status), length, type, status == 405 ? "Allow: GET, HEAD\r\n" : "",
                                 keep_alive ? "keep-alive" : "close");
    return sys::inet::send_all(socket, head, static_cast<size_t>(used));
}

sys::Result<void> send_error(uint32_t socket, int status, bool keep_alive, bool with_body) {
    char body[128];
    const int used = sys::format(body, sizeof body, "<html><body><h1>%d %s</h1></body></html>\n", status, reason_of(status));
    TRY(send_head(socket, status, static_cast<uint64_t>(used), "text/html", keep_alive));
    if (!with_body) return {};
    return sys::inet::send_all(socket, body, static_cast<size_t>(used));
}

// Opens the file a path names: a directory stands for its index.html.
sys::Result<int> open_file(const char* path, uint64_t& size) {
    auto stat = TRY(sys::vfs::stat(path));
    char index[kMaxTarget + 16];
    if (stat.type == protocol::vfs::FileType::Directory) {
        sys::format(index, sizeof index, "%s%sindex.html", path, path[sys::str::strlen(path) - 1] == '/' ? "" : "/");
        stat = TRY(sys::vfs::stat(index));
        path = index;
        if (stat.type == protocol::vfs::FileType::Directory) return neurath::Error::NotFound;
    }
    size = stat.size;
    return sys::vfs::open(path, protocol::vfs::kOpenRead);
}

sys::Result<void> send_file(uint32_t socket, const Request& request) {
    uint64_t size = 0;
    auto opened = open_file(request.path, size);
    if (opened.is_error()) return send_error(socket, 404, request.keep_alive, request.method == Method::Get);
    const int fd = opened.value();
    auto sent = send_head(socket, 200, size, content_type_of(request.path), request.keep_alive);
    for (uint64_t left = request.method == Method::Get ? size : 0; sent.ok() && left > 0;) {
        auto got = sys::vfs::read(fd, file_chunk, left < kChunk ? left : kChunk);
        if (got.is_error() || got.value() == 0) {
            sent = got.is_error() ? sys::Result<void>(got.error()) : sys::Result<void>(neurath::Error::BadFileDescriptor);
            break;
        }
        sent = sys::inet::send_all(socket, file_chunk, got.value());
        left -= got.value();
    }
    (void)sys::vfs::close(fd);
    return sent;
}

// Reads until a complete head is in the buffer; its length, or 0 when the
// connection ended (closed, idle, or a head too long: `too_long`).
size_t read_head(uint32_t socket, size_t& buffered, bool& too_long) {
    for (;;) {
        const size_t end = find_head_end(head_buffer, buffered);
        if (end != 0) return end;
        if (buffered == kMaxHead) {
            too_long = true;
            return 0;
        }
        auto got = sys::inet::recv(socket, head_buffer + buffered, kMaxHead - buffered, kIdleMs);
        if (got.is_error() || got.value() == 0) return 0;
        buffered += got.value();
    }
}

}  // namespace

void serve_connection(uint32_t socket) {
    size_t buffered = 0;
    for (;;) {
        bool too_long = false;
        const size_t head_length = read_head(socket, buffered, too_long);
        if (head_length == 0) {
            if (too_long) (void)send_error(socket, 400, false, true);
            return;
        }
        const Request request = parse_request(head_buffer, head_length);
        sys::str::memmove(head_buffer, head_buffer + head_length, buffered - head_length);
        buffered -= head_length;
        const bool closes = request.error_status == 400 || request.error_status == 414 || !request.keep_alive;
        const bool with_body = request.method != Method::Head;
        auto answered = request.error_status != 0 ? send_error(socket, request.error_status, !closes, with_body)
                                                  : send_file(socket, request);
        printf("httpd: %s %d\n", request.path[0] ? request.path : "-", request.error_status ? request.error_status : 200);
        if (answered.is_error() || closes) return;
    }
}

}  // namespace httpd
