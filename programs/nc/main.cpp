// main.cpp — /bin/nc: a line-oriented netcat over inet.
//
//   nc <a.b.c.d> <port>      connect (TCP; "nc: connected to a.b.c.d:port"),
//                            then both ways at once: what the peer sends is
//                            printed as it comes, each line typed is sent
//                            with its newline; a line holding only "." ends
//                            the session (our side closes, the rest the peer
//                            sends is printed until it closes); the peer
//                            closing ends it too ("nc: connection closed")
//   nc -l <port>             accept one TCP connection, then the same
//   nc -u <a.b.c.d> <port>   the same as the client, one datagram per line
//   nc -u -l <port>          print each datagram received, with its sender
//
// The console is read a whole line at a time; between waits of at most
// kConsoleTickMs on the socket, nc asks tty for a line typed meanwhile
// without waiting (read_line_now), so a typed line goes out within that
// tick and what arrives is printed at once. A program in the background
// that reads the console takes the lines no one waits for (the shell at its
// prompt waits, and gets them first).
// Entry point: main. Exit status 0, 1 on a network error, 2 on bad arguments.
#include <sys/cstring.h>
#include <sys/socket.h>
#include <sys/stdio.h>
#include <sys/tty_client.h>

#include "numbers.h"

namespace {

using sys::inet::Address;
using sys::inet::SocketKind;

constexpr uint32_t kConsoleTickMs = 50;
constexpr uint32_t kNoLimit = 0xFFFFFFFFu;
uint8_t buffer[16384];

struct Options {
    bool udp = false;
    bool listen = false;
    Address address{};
};

bool parse_options(int argc, char** argv, Options& options) {
    int at = 1;
    for (; at < argc && argv[at][0] == '-'; ++at) {
        if (sys::str::strcmp(argv[at], "-u") == 0) options.udp = true;
        else if (sys::str::strcmp(argv[at], "-l") == 0) options.listen = true;
        else return false;
    }
    if (argc - at != (options.listen ? 1 : 2)) return false;
    if (!options.listen) {
        auto ip = sys::inet::parse_ipv4(argv[at++]);
        if (ip.is_error()) return false;
        options.address.ip = ip.value();
    }
    auto port = shell::parse_unsigned(argv[at]);
    if (port.is_error() || port.value() == 0 || port.value() > 65535) return false;
    options.address.port = static_cast<uint16_t>(port.value());
    return true;
}

int fail(const char* what, neurath::Error error) {
    printf("nc: %s: %s\n", what, neurath::error_name(error));
    return 1;
}

void print_bytes(const uint8_t* data, size_t length) {
    char text[257];
    for (size_t at = 0; at < length;) {
        const size_t step = length - at < 256 ? length - at : 256;
        sys::str::memcpy(text, data + at, step);
        text[step] = '\0';
        printf("%s", text);
        at += step;
    }
}

// Prints what arrives until nothing did for `wait_ms`; false once the peer closed.
sys::Result<bool> drain(uint32_t socket, uint32_t wait_ms) {
    for (;;) {
        sys::inet::PollItem item{socket, protocol::inet::kReadable, 0};
        if (TRY(sys::inet::poll(&item, 1, wait_ms)) == 0) return true;
        Address from{};
        const size_t got = TRY(sys::inet::recv_from(socket, buffer, sizeof buffer, from));
        if (got == 0) return false;
        print_bytes(buffer, got);
    }
}

// What the console gave since the last tick: a line, or nothing yet.
enum class Typed { Nothing, Line, End };

sys::Result<Typed> typed_line(char* line, size_t capacity, size_t& length) {
    auto typed = sys::tty::read_line_now(line, capacity - 1);
    if (typed.is_error() && typed.error() == neurath::Error::WouldBlock) return Typed::Nothing;
    if (typed.is_error()) return typed.error();
    if (sys::str::strcmp(line, ".") == 0) return Typed::End;
    length = typed.value();
    line[length++] = '\n';
    return Typed::Line;
}

// Both ways at once on a connected socket until "." is typed or the peer
// closes (see the header).
int converse(uint32_t socket, bool udp) {
    char line[protocol::tty::kMaxLine + 1];
    for (;;) {
        auto open = drain(socket, kConsoleTickMs);
        if (open.is_error()) return fail("recv", open.error());
        if (!open.value()) {
            printf("nc: connection closed\n");
            return 0;
        }
        size_t length = 0;
        auto typed = typed_line(line, sizeof line, length);
        if (typed.is_error()) return fail("console", typed.error());
        if (typed.value() == Typed::End) break;
        if (typed.value() == Typed::Nothing) continue;
        auto sent = sys::inet::send_all(socket, line, length);  // UDP: one datagram
        if (sent.is_error()) return fail("send", sent.error());
    }
    if (udp) return 0;
    (void)sys::inet::shutdown(socket, protocol::inet::ShutdownHow::Write);
    auto rest = drain(socket, kNoLimit);
    if (rest.is_error()) return fail("recv", rest.error());
    printf("nc: connection closed\n");
    return 0;
}

int run_client(uint32_t socket, const Options& options) {
    auto connected = sys::inet::connect(socket, options.address, 10'000);
    if (connected.is_error()) return fail("connect", connected.error());
    char peer[16];
    sys::inet::format_ipv4(options.address.ip, peer);
    printf("nc: connected to %s:%u\n", peer, options.address.port);
    return converse(socket, options.udp);
}

int run_listener(uint32_t socket, const Options& options) {
    auto bound = sys::inet::bind(socket, {0, options.address.port, 0});
    if (bound.is_error()) return fail("bind", bound.error());
    if (options.udp) {
        printf("nc: listening on udp port %u\n", options.address.port);
        for (;;) {
            Address from{};
            auto got = sys::inet::recv_from(socket, buffer, sizeof buffer, from);
            if (got.is_error()) return fail("recv", got.error());
            char sender[16];
            sys::inet::format_ipv4(from.ip, sender);
            printf("nc: %lu bytes from %s:%u: ", got.value(), sender, from.port);
            print_bytes(buffer, got.value());
        }
    }
    auto listening = sys::inet::listen(socket, 1);
    if (listening.is_error()) return fail("listen", listening.error());
    printf("nc: listening on tcp port %u\n", options.address.port);
    auto accepted = sys::inet::accept(socket);
    if (accepted.is_error()) return fail("accept", accepted.error());
    char peer[16];
    sys::inet::format_ipv4(accepted.value().peer.ip, peer);
    printf("nc: connection from %s:%u\n", peer, accepted.value().peer.port);
    const int status = converse(accepted.value().socket, false);
    (void)sys::inet::close(accepted.value().socket);
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse_options(argc, argv, options)) {
        printf("usage: nc [-u] <a.b.c.d> <port> | nc [-u] -l <port>\n");
        return 2;
    }
    auto socket = sys::inet::socket(options.udp ? SocketKind::Datagram : SocketKind::Stream);
    if (socket.is_error()) return fail("socket", socket.error());
    const int status = options.listen ? run_listener(socket.value(), options) : run_client(socket.value(), options);
    (void)sys::inet::close(socket.value());
    return status;
}
