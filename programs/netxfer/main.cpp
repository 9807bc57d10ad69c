// main.cpp — /bin/netxfer: a bulk TCP transfer whose every byte is checked.
//
//   netxfer send <a.b.c.d> <port> <bytes>   connect, send `bytes` of the
//                                           pattern, close;
//                                           "netxfer: sent N bytes to A:P"
//   netxfer recv <port> [connections]       listen ("netxfer: listening on
//                                           tcp port P"), then per connection
//                                           receive until the peer closes and
//                                           compare each byte with the pattern:
//                                           "netxfer: received N bytes from A,
//                                           pattern intact" or the first byte
//                                           that differs
//
// The pattern's byte at offset i is pattern_byte(i): not periodic in any
// segment size, so a lost, repeated or reordered chunk shows at its offset.
// `connections`: how many to serve (default 1, 0: forever). Entry point:
// main. Exit status 0, 1 on a network error or a differing byte, 2 on bad
// arguments.
#include <sys/cstring.h>
#include <sys/socket.h>
#include <sys/stdio.h>

#include "numbers.h"

namespace {

using sys::inet::Address;
using sys::inet::SocketKind;

uint8_t buffer[32 * 1024];

uint8_t pattern_byte(uint64_t offset) {
    return static_cast<uint8_t>(offset * 131 + (offset >> 11) + (offset >> 19));
}

int fail(const char* what, neurath::Error error) {
    printf("netxfer: %s: %s\n", what, neurath::error_name(error));
    return 1;
}

int usage() {
    printf("usage: netxfer send <a.b.c.d> <port> <bytes> | netxfer recv <port> [connections]\n");
    return 2;
}

sys::Result<uint16_t> parse_port(const char* text) {
    const uint64_t port = TRY(shell::parse_unsigned(text));
    if (port == 0 || port > 65535) return neurath::Error::InvalidArgument;
    return static_cast<uint16_t>(port);
}

sys::Result<void> send_pattern(uint32_t socket, uint64_t bytes) {
    for (uint64_t offset = 0; offset < bytes;) {
        const size_t chunk = bytes - offset < sizeof buffer ? bytes - offset : sizeof buffer;
        for (size_t i = 0; i < chunk; ++i) buffer[i] = pattern_byte(offset + i);
        TRY(sys::inet::send_all(socket, buffer, chunk));
        offset += chunk;
    }
    return {};
}

int send(const char* address, const char* port_text, const char* bytes_text) {
    auto ip = sys::inet::parse_ipv4(address);
    auto port = parse_port(port_text);
    auto bytes = shell::parse_unsigned(bytes_text);
    if (ip.is_error() || port.is_error() || bytes.is_error()) return usage();
    auto socket = sys::inet::socket(SocketKind::Stream);
    if (socket.is_error()) return fail("socket", socket.error());
    auto connected = sys::inet::connect(socket.value(), Address{ip.value(), port.value(), 0}, 10'000);
    if (connected.is_error()) return fail("connect", connected.error());
    auto sent = send_pattern(socket.value(), bytes.value());
    (void)sys::inet::close(socket.value());
    if (sent.is_error()) return fail("send", sent.error());
    printf("netxfer: sent %lu bytes to %s:%u\n", bytes.value(), address, port.value());
    return 0;
}

// Receives until the peer closes; the first byte that differs ends it.
int receive_connection(uint32_t connection, const char* peer) {
    uint64_t total = 0;
    for (;;) {
        auto got = sys::inet::recv(connection, buffer, sizeof buffer);
        if (got.is_error()) return fail("recv", got.error());
        if (got.value() == 0) break;
        for (size_t i = 0; i < got.value(); ++i) {
            if (buffer[i] == pattern_byte(total + i)) continue;
            printf("netxfer: byte %lu from %s differs: %u, expected %u\n", total + i, peer, buffer[i],
                   pattern_byte(total + i));
            return 1;
        }
        total += got.value();
    }
    printf("netxfer: received %lu bytes from %s, pattern intact\n", total, peer);
    return 0;
}

int receive(const char* port_text, const char* count_text) {
    auto port = parse_port(port_text);
    auto count = count_text ? shell::parse_unsigned(count_text) : sys::Result<uint64_t>(uint64_t{1});
    if (port.is_error() || count.is_error()) return usage();
    auto listener = sys::inet::socket(SocketKind::Stream);
    if (listener.is_error()) return fail("socket", listener.error());
    if (auto bound = sys::inet::bind(listener.value(), Address{0, port.value(), 0}); bound.is_error())
        return fail("bind", bound.error());
    if (auto listened = sys::inet::listen(listener.value(), 4); listened.is_error())
        return fail("listen", listened.error());
    printf("netxfer: listening on tcp port %u\n", port.value());
    int status = 0;
    for (uint64_t served = 0; status == 0 && (count.value() == 0 || served < count.value()); ++served) {
        auto accepted = sys::inet::accept(listener.value());
        if (accepted.is_error()) return fail("accept", accepted.error());
        char peer[16];
        sys::inet::format_ipv4(accepted.value().peer.ip, peer);
        status = receive_connection(accepted.value().socket, peer);
        (void)sys::inet::close(accepted.value().socket);
    }
    (void)sys::inet::close(listener.value());
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 5 && sys::str::strcmp(argv[1], "send") == 0) return send(argv[2], argv[3], argv[4]);
    if ((argc == 3 || argc == 4) && sys::str::strcmp(argv[1], "recv") == 0)
        return receive(argv[2], argc == 4 ? argv[3] : nullptr);
    return usage();
}
