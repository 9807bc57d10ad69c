// main.cpp — /bin/kvnet: kvd over TCP. Listens on a port (default 7070) and
// serves up to kMaxClients connections at once, each a stream of command
// lines (line_commands.h) answered in order; poll tells which connection has
// data, so a slow or silent client holds up nobody. A line longer than
// kMaxLine bytes ends its connection ("error line too long").
//
// Usage: kvnet [port]. Prints "kvnet: listening on port N" once ready.
// Entry point: main. Exit status 1 when kvd is not found or the socket
// cannot be set up, 2 on bad arguments.
#include <sys/cstring.h>
#include <sys/socket.h>
#include <sys/stdio.h>

#include "kv_client.h"
#include "line_commands.h"
#include "numbers.h"

namespace {

namespace pi = protocol::inet;

constexpr uint32_t kMaxClients = 8;
constexpr size_t kMaxLine = 128;
constexpr uint64_t kFindWaitNs = 2'000'000'000;

struct Client {
    uint32_t socket = 0;   // 0: free
    char line[kMaxLine];
    size_t used = 0;
};

Client clients[kMaxClients];
uint8_t incoming[4096];

int fail(const char* what, neurath::Error error) {
    printf("kvnet: %s: %s\n", what, neurath::error_name(error));
    return 1;
}

void drop(Client& client) {
    (void)sys::inet::close(client.socket);
    client = Client{};
}

// Feeds received bytes through the line buffer, answering each full line;
// false when the connection must end.
bool take_bytes(neurath::Endpoint kvd, Client& client, const uint8_t* data, size_t length) {
    for (size_t i = 0; i < length; ++i) {
        const char c = static_cast<char>(data[i]);
        if (c == '\r') continue;
        if (c != '\n') {
            if (client.used + 1 >= kMaxLine) {
                (void)sys::inet::send_all(client.socket, "error line too long\n", 20);
                return false;
            }
            client.line[client.used++] = c;
            continue;
        }
        client.line[client.used] = '\0';
        client.used = 0;
        char answer[160];
        const size_t answer_length = kvnet::answer_line(kvd, client.line, answer, sizeof answer);
        if (sys::inet::send_all(client.socket, answer, answer_length).is_error()) return false;
    }
    return true;
}

void serve_client(neurath::Endpoint kvd, Client& client) {
    auto got = sys::inet::recv(client.socket, incoming, sizeof incoming);
    if (got.is_error() || got.value() == 0 || !take_bytes(kvd, client, incoming, got.value())) drop(client);
}

void accept_client(uint32_t listener) {
    auto accepted = sys::inet::accept(listener);
    if (accepted.is_error()) return;
    for (Client& client : clients) {
        if (client.socket != 0) continue;
        client.socket = accepted.value().socket;
        return;
    }
    (void)sys::inet::send_all(accepted.value().socket, "error too many clients\n", 23);
    (void)sys::inet::close(accepted.value().socket);
}

[[noreturn]] void serve(neurath::Endpoint kvd, uint32_t listener) {
    for (;;) {
        pi::PollItem items[kMaxClients + 1];
        Client* owners[kMaxClients + 1] = {};
        uint32_t count = 0;
        items[count++] = {listener, pi::kReadable, 0};
        for (Client& client : clients) {
            if (client.socket == 0) continue;
            owners[count] = &client;
            items[count++] = {client.socket, pi::kReadable, 0};
        }
        auto ready = sys::inet::poll(items, count, 0xFFFFFFFFu);
        if (ready.is_error()) continue;
        for (uint32_t i = 1; i < count; ++i)
            if (items[i].ready != 0) serve_client(kvd, *owners[i]);
        if (items[0].ready != 0) accept_client(listener);
    }
}

}  // namespace

int main(int argc, char** argv) {
    auto port = argc == 2 ? shell::parse_unsigned(argv[1]) : sys::Result<uint64_t>(uint64_t{7070});
    if (argc > 2 || port.is_error() || port.value() == 0 || port.value() > 65535) {
        printf("usage: kvnet [port]\n");
        return 2;
    }
    auto kvd = kv::find(kFindWaitNs);
    if (kvd.is_error()) return fail("kvd (start it with: kvd &)", kvd.error());
    auto listener = sys::inet::socket(sys::inet::SocketKind::Stream);
    if (listener.is_error()) return fail("socket", listener.error());
    auto bound = sys::inet::bind(listener.value(), {0, static_cast<uint16_t>(port.value()), 0});
    if (bound.is_error()) return fail("bind", bound.error());
    auto listening = sys::inet::listen(listener.value(), kMaxClients);
    if (listening.is_error()) return fail("listen", listening.error());
    printf("kvnet: listening on port %lu\n", port.value());
    serve(kvd.value(), listener.value());
}
