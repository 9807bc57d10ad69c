// response.cpp — choosing and formatting httpd's answers (see response.h).
// Statuses: 200, 400 (malformed), 404 (no such file), 405 (a method other
// than GET and HEAD, with Allow), 414 (a target longer than 255 bytes), 500
// (vfs failed otherwise; the reason is printed), 503 (too many connections,
// with Retry-After). 400, 414 and 503 close the connection, as does a
// request that asks to.
//
// Entry points: answer_request, answer_refused, answer_head_too_long.
#include "response.h"

#include <sys/cstring.h>
#include <sys/format.h>
#include <sys/stdio.h>
#include <sys/vfs_client.h>

namespace httpd {
namespace {

const char* reason_of(int status) {
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 414: return "URI Too Long";
    case 503: return "Service Unavailable";
    default: return "Internal Server Error";
    }
}

const char* extra_header_of(int status) {
    if (status == 405) return "Allow: GET, HEAD\r\n";
    if (status == 503) return "Retry-After: 1\r\n";
    return "";
}

const char* content_type_of(const char* path) {
    const char* dot = sys::str::strrchr(path, '.');
    if (dot == nullptr) return "application/octet-stream";
    if (sys::str::strcmp(dot, ".html") == 0 || sys::str::strcmp(dot, ".htm") == 0) return "text/html";
    if (sys::str::strcmp(dot, ".txt") == 0 || sys::str::strcmp(dot, ".conf") == 0 || sys::str::strcmp(dot, ".lua") == 0)
        return "text/plain";
    return "application/octet-stream";
}

size_t format_head(char* buffer, size_t capacity, int status, uint64_t length, const char* type, bool closes) {
    const int used = sys::format(buffer, capacity,
                                 "HTTP/1.1 %d %s\r\nServer: neurath-httpd\r\nContent-Length: %lu\r\nContent-Type: %s\r\n"
                                 "%sConnection: %s\r\n\r\n",
                                 status, reason_of(status), length, type, extra_header_of(status),
                                 closes ? "close" : "keep-alive");
    return static_cast<size_t>(used);
}

// The head of an error status and, unless `with_body` is false (HEAD), its page.
Answer error_answer(int status, bool closes, bool with_body, char* buffer, size_t capacity) {
    char page[128];
    const int page_length = sys::format(page, sizeof page, "<html><body><h1>%d %s</h1></body></html>\n", status,
                                        reason_of(status));
    Answer answer;
    answer.status = status;
    answer.closes = closes;
    answer.prefix_length = format_head(buffer, capacity, status, static_cast<uint64_t>(page_length), "text/html", closes);
    if (with_body) {
        sys::str::memcpy(buffer + answer.prefix_length, page, static_cast<size_t>(page_length));
        answer.prefix_length += static_cast<size_t>(page_length);
    }
    return answer;
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

// A path that names nothing is 404; any other failure of vfs is the server's (500).
int status_of_open_error(const char* path, neurath::Error error) {
    if (error == neurath::Error::NotFound || error == neurath::Error::NotADirectory ||
        error == neurath::Error::NameTooLong)
        return 404;
    printf("httpd: %s: %s\n", path, neurath::error_name(error));
    return 500;
}

}  // namespace

Answer answer_request(const Request& request, char* buffer, size_t capacity) {
    const bool with_body = request.method != Method::Head;
    const bool closes = request.error_status == 400 || request.error_status == 414 || !request.keep_alive;
    if (request.error_status != 0) return error_answer(request.error_status, closes, with_body, buffer, capacity);
    uint64_t size = 0;
    auto opened = open_file(request.path, size);
    if (opened.is_error())
        return error_answer(status_of_open_error(request.path, opened.error()), closes, with_body, buffer, capacity);
    Answer answer;
    answer.status = 200;
    answer.closes = closes;
    answer.prefix_length = format_head(buffer, capacity, 200, size, content_type_of(request.path), closes);
    if (with_body && size > 0) {
        answer.file = opened.value();
        answer.file_length = size;
    } else {
        (void)sys::vfs::close(opened.value());
    }
    return answer;
}

Answer answer_refused(const Request& request, char* buffer, size_t capacity) {
    return error_answer(503, true, request.method != Method::Head, buffer, capacity);
}

Answer answer_head_too_long(char* buffer, size_t capacity) { return error_answer(400, true, true, buffer, capacity); }

}  // namespace httpd
