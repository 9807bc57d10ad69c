// http_request.cpp — parsing an HTTP/1.x request head (see http_request.h).
//
// Entry points: find_head_end, parse_request.
#include "http_request.h"

#include <sys/cstring.h>

namespace httpd {
namespace {

const char* find_byte(const char* data, char wanted, size_t length) {
    for (size_t i = 0; i < length; ++i)
        if (data[i] == wanted) return data + i;
    return nullptr;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_ignoring_case(const char* a, size_t a_length, const char* b) {
    const size_t b_length = sys::str::strlen(b);
    if (a_length != b_length) return false;
    for (size_t i = 0; i < a_length; ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

size_t line_end(const char* data, size_t from, size_t length) {
    for (size_t i = from; i + 1 < length; ++i)
        if (data[i] == '\r' && data[i + 1] == '\n') return i;
    return length;
}

// A path is served from vfs only if every segment is an ordinary name.
bool safe_path(const char* path) {
    if (path[0] != '/') return false;
    for (const char* at = path; *at; ++at) {
        if (*at == '.' && (at == path || at[-1] == '/') && (at[1] == '.' ) && (at[2] == '/' || at[2] == '\0')) return false;
        if (static_cast<unsigned char>(*at) < 0x21 || *at == '%') return false;
    }
    return true;
}

void parse_request_line(const char* line, size_t length, Request& request, bool& http11) {
    const char* method_end = find_byte(line, ' ', length);
    if (method_end == nullptr) {
        request.error_status = 400;
        return;
    }
    const size_t method_length = static_cast<size_t>(method_end - line);
    const char* target = method_end + 1;
    const char* target_end = find_byte(target, ' ', length - method_length - 1);
    if (target_end == nullptr) {
        request.error_status = 400;
        return;
    }
    const size_t target_length = static_cast<size_t>(target_end - target);
    const char* version = target_end + 1;
    const size_t version_length = length - static_cast<size_t>(version - line);
    http11 = version_length == 8 && sys::str::memcmp(version, "HTTP/1.1", 8) == 0;
    const bool http10 = version_length == 8 && sys::str::memcmp(version, "HTTP/1.0", 8) == 0;
    if (!http11 && !http10) {
        request.error_status = 400;
        return;
    }
    request.keep_alive = http11;
    if (method_length == 3 && sys::str::memcmp(line, "GET", 3) == 0) request.method = Method::Get;
    else if (method_length == 4 && sys::str::memcmp(line, "HEAD", 4) == 0) request.method = Method::Head;
    if (target_length > kMaxTarget) {
        request.error_status = 414;
        return;
    }
    sys::str::memcpy(request.path, target, target_length);
    request.path[target_length] = '\0';
    if (char* query = sys::str::strchr(request.path, '?')) *query = '\0';
    if (target_length == 0 || !safe_path(request.path)) request.error_status = 400;
    else if (request.method == Method::Other) request.error_status = 405;
}

void parse_header(const char* line, size_t length, Request& request) {
    const char* colon = find_byte(line, ':', length);
    if (colon == nullptr) {
        request.error_status = 400;
        return;
    }
    const size_t name_length = static_cast<size_t>(colon - line);
    const char* value = colon + 1;
    size_t value_length = length - name_length - 1;
    while (value_length > 0 && (*value == ' ' || *value == '\t')) ++value, --value_length;
    while (value_length > 0 && (value[value_length - 1] == ' ' || value[value_length - 1] == '\t')) --value_length;
    if (equal_ignoring_case(line, name_length, "connection")) {
        if (equal_ignoring_case(value, value_length, "close")) request.keep_alive = false;
        if (equal_ignoring_case(value, value_length, "keep-alive")) request.keep_alive = true;
    } else if (equal_ignoring_case(line, name_length, "content-length")) {
        uint64_t number = 0;
        for (size_t i = 0; i < value_length; ++i) number = number * 10 + static_cast<uint64_t>(value[i] - '0');
        request.body_length = number;
    } else if (equal_ignoring_case(line, name_length, "transfer-encoding")) {
        request.body_length = 1;  // any body is refused
    }
}

}  // namespace

size_t find_head_end(const char* data, size_t length) {
    for (size_t i = 0; i + 3 < length; ++i)
        if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') return i + 4;
    return 0;
}

Request parse_request(const char* head, size_t length) {
    Request request;
    bool http11 = false;
    size_t end = line_end(head, 0, length);
    parse_request_line(head, end, request, http11);
    if (request.error_status == 400 || request.error_status == 414) return request;
    for (size_t at = end + 2; at < length;) {
        end = line_end(head, at, length);
        if (end == at) break;  // the blank line
        parse_header(head + at, end - at, request);
        at = end + 2;
    }
    if (request.error_status == 0 && request.body_length != 0) request.error_status = 400;
    return request;
}

}  // namespace httpd
