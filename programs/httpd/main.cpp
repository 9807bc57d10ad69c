// main.cpp — /bin/httpd: serves vfs's files over HTTP/1.1 (GET and HEAD,
// keep-alive, Content-Length on every answer). Many connections are served
// at once through poll (server.h: up to 12, then 503); an idle one is closed
// after 10 s.
//
// Usage: httpd [port] (default 80; ports below 1024 need the netserver
// profile, which /bin/httpd has). Prints "httpd: listening on port N" once
// ready and one line per request. Entry point: main. Exit status 1 when the
// socket cannot be set up (e.g. "bind: permission denied") or serving stops
// (poll or accept failed), 2 on bad arguments.
#include <sys/socket.h>
#include <sys/stdio.h>

#include "numbers.h"
#include "server.h"

namespace {

constexpr uint32_t kBacklog = 8;

int fail(const char* what, neurath::Error error) {
    printf("httpd: %s: %s\n", what, neurath::error_name(error));
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    auto port = argc == 2 ? shell::parse_unsigned(argv[1]) : sys::Result<uint64_t>(uint64_t{80});
    if (argc > 2 || port.is_error() || port.value() == 0 || port.value() > 65535) {
        printf("usage: httpd [port]\n");
        return 2;
    }
    auto listener = sys::inet::socket(sys::inet::SocketKind::Stream);
    if (listener.is_error()) return fail("socket", listener.error());
    auto bound = sys::inet::bind(listener.value(), {0, static_cast<uint16_t>(port.value()), 0});
    if (bound.is_error()) return fail("bind", bound.error());
    auto listening = sys::inet::listen(listener.value(), kBacklog);
    if (listening.is_error()) return fail("listen", listening.error());
    printf("httpd: listening on port %lu\n", port.value());
    auto served = httpd::serve(listener.value());
    return fail(served.error().step, served.error().code);
}
