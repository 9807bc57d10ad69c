// response.h — what httpd answers to one request: the status, the head
// (always with Content-Length), an error page or the file the request names,
// and whether the connection ends afterwards. Nothing here touches a socket:
// the answer's first bytes are written into a buffer the connection sends.
//
// Entry points: answer_request, answer_refused, answer_head_too_long.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "http_request.h"

namespace httpd {

// The start of an answer. The head (and an error page) is in the caller's
// buffer; a file body, when there is one, follows from `file`.
struct Answer {
    int status = 0;
    bool closes = false;          // "Connection: close": the connection ends after it
    size_t prefix_length = 0;     // bytes of head and error page written into the buffer
    int file = -1;                // an open vfs file whose bytes follow, or -1
    uint64_t file_length = 0;     // bytes of `file` to send after the prefix
};

// The space an answer's prefix may need: a head and an error page.
inline constexpr size_t kMaxAnswerPrefix = 512;

// 200 with the file (HEAD: without it), 404, 500 (vfs failed otherwise),
// or the request's own error status (400, 405, 414).
Answer answer_request(const Request& request, char* buffer, size_t capacity);

// 503 Service Unavailable with "Retry-After: 1", for a connection accepted
// while httpd already serves as many as it can; it always closes.
Answer answer_refused(const Request& request, char* buffer, size_t capacity);

// 400 for a request head longer than the connection's buffer; it closes.
Answer answer_head_too_long(char* buffer, size_t capacity);

}  // namespace httpd
