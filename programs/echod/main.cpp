// main.cpp — /bin/echod: echoes what it receives, over TCP (every byte of
// each connection, one connection after another, until the peer closes) or
// UDP (each datagram back to its sender). Prints "echod: listening on tcp"
// (or udp) once ready, and for TCP "echod: N bytes echoed" per connection.
//
// Usage: echod <port> [-u] [connections]: `connections` (TCP) or datagrams
// (UDP) to serve before exiting, 0 (default) forever. Entry point: main.
// Exit status 0, 1 on a network error, 2 on bad arguments.
#include <sys/cstring.h>
#include <sys/socket.h>
#include <sys/stdio.h>

#include "numbers.h"

namespace {

using sys::inet::SocketKind;

uint8_t buffer[32 * 1024];

int fail(const char* what, neurath::Error error) {
    printf("echod: %s: %s\n", what, neurath::error_name(error));
    return 1;
}

sys::Result<uint64_t> echo_connection(uint32_t connection) {
    uint64_t total = 0;
    for (;;) {
        const size_t got = TRY(sys::inet::recv(connection, buffer, sizeof buffer));
        if (got == 0) return total;
        TRY(sys::inet::send_all(connection, buffer, got));
        total += got;
    }
}

int serve_tcp(uint32_t listener, uint64_t connections) {
    auto listened = sys::inet::listen(listener, 4);
    if (listened.is_error()) return fail("listen", listened.error());
    printf("echod: listening on tcp\n");
    for (uint64_t served = 0; connections == 0 || served < connections; ++served) {
        auto accepted = sys::inet::accept(listener);
        if (accepted.is_error()) return fail("accept", accepted.error());
        auto echoed = echo_connection(accepted.value().socket);
        (void)sys::inet::close(accepted.value().socket);
        if (echoed.is_error()) printf("echod: connection: %s\n", neurath::error_name(echoed.error()));
        else printf("echod: %lu bytes echoed\n", echoed.value());
    }
    return 0;
}

int serve_udp(uint32_t socket, uint64_t datagrams) {
    printf("echod: listening on udp\n");
    for (uint64_t served = 0; datagrams == 0 || served < datagrams; ++served) {
        sys::inet::Address from{};
        auto got = sys::inet::recv_from(socket, buffer, sizeof buffer, from);
        if (got.is_error()) return fail("recv", got.error());
        auto sent = sys::inet::send_to(socket, buffer, got.value(), from);
        if (sent.is_error()) return fail("send", sent.error());
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const bool udp = argc >= 3 && sys::str::strcmp(argv[2], "-u") == 0;
    const int count_index = udp ? 3 : 2;
    auto port = argc >= 2 ? shell::parse_unsigned(argv[1]) : sys::Result<uint64_t>(neurath::Error::InvalidArgument);
    auto count = argc > count_index ? shell::parse_unsigned(argv[count_index]) : sys::Result<uint64_t>(uint64_t{0});
    if (argc < 2 || argc > count_index + 1 || port.is_error() || port.value() == 0 || port.value() > 65535 ||
        count.is_error()) {
        printf("usage: echod <port> [-u] [connections]\n");
        return 2;
    }
    auto socket = sys::inet::socket(udp ? SocketKind::Datagram : SocketKind::Stream);
    if (socket.is_error()) return fail("socket", socket.error());
    auto bound = sys::inet::bind(socket.value(), {0, static_cast<uint16_t>(port.value()), 0});
    if (bound.is_error()) return fail("bind", bound.error());
    const int status = udp ? serve_udp(socket.value(), count.value()) : serve_tcp(socket.value(), count.value());
    (void)sys::inet::close(socket.value());
    return status;
}
