// http_request.h — parsing one HTTP/1.x request head (request line and
// headers, up to the blank line) into what httpd needs: method, path,
// version and whether the connection stays open.
//
// Entry points: parse_request, find_head_end.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace httpd {

inline constexpr size_t kMaxTarget = 255;   // longer targets: 414 URI Too Long

enum class Method { Get, Head, Other };

// Status of a request that cannot be served as a file: 0 when it can.
struct Request {
    Method method = Method::Other;
    char path[kMaxTarget + 1] = {};
    bool keep_alive = false;     // HTTP/1.1 unless "Connection: close"; 1.0 only with "keep-alive"
    int error_status = 0;        // 400, 405 or 414: answer this instead
    uint64_t body_length = 0;    // Content-Length of a request body (refused: 400)
};

// Offset just past "\r\n\r\n" in `data`, or 0 when the head is not complete.
size_t find_head_end(const char* data, size_t length);

// Parses a complete head of `length` bytes (it ends with the blank line).
Request parse_request(const char* head, size_t length);

}  // namespace httpd
