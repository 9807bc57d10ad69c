// main.cpp — /bin/arping: asks the network who has an IPv4 address, straight
// through netdrv (no TCP/IP server involved): one ARP request out, the reply
// in, e.g. "arping: 10.0.2.2 is at 52:55:0a:00:02:02". Proves that frames
// flow both ways through the NIC.
//
// Usage: arping <a.b.c.d> [from <a.b.c.d>] (default sender 10.0.2.15, the
// address QEMU's user network gives the guest). Entry point: main. Exit
// status 0 on a reply, 1 on no reply within three tries of a second each,
// 2 on bad arguments or a link that cannot be opened.
#include <sys/cstring.h>
#include <sys/net_client.h>
#include <sys/stdio.h>

#include "arp_frame.h"

namespace {

constexpr uint32_t kTries = 3;
constexpr uint32_t kWaitMs = 1000;
constexpr uint32_t kFramesPerTry = 32;  // other traffic is skipped, up to this many frames

struct Request {
    arping::Ipv4 sender{{10, 0, 2, 15}};
    arping::Ipv4 target{};
};

bool parse_arguments(int argc, char** argv, Request& request) {
    if (argc != 2 && argc != 4) return false;
    if (!arping::parse_ipv4(argv[1], request.target)) return false;
    if (argc == 4 && (sys::str::strcmp(argv[2], "from") != 0 || !arping::parse_ipv4(argv[3], request.sender)))
        return false;
    return true;
}

// One request and the frames that follow it; true with the answer in `mac_out`.
bool ask_once(const Request& request, const arping::MacAddress& mac, arping::MacAddress& mac_out) {
    uint8_t frame[arping::kMinEthernetFrame];
    const size_t length = arping::build_request(frame, mac, request.sender, request.target);
    auto sent = sys::net::send(frame, length);
    if (sent.is_error()) {
        printf("arping: send: %s\n", neurath::error_name(sent.error()));
        return false;
    }
    static uint8_t received[protocol::net::kMaxFrame];
    for (uint32_t i = 0; i < kFramesPerTry; ++i) {
        auto got = sys::net::receive(received, sizeof received, kWaitMs);
        if (got.is_error()) return false;
        if (arping::match_reply(received, got.value(), mac, request.sender, request.target, mac_out)) return true;
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    Request request;
    if (!parse_arguments(argc, argv, request)) {
        printf("usage: arping <a.b.c.d> [from <a.b.c.d>]\n");
        return 2;
    }
    auto info = sys::net::link_info();
    auto opened = info.is_error() ? sys::Result<void>(info.error()) : sys::net::open();
    if (opened.is_error()) {
        printf("arping: cannot use the network: %s\n", neurath::error_name(opened.error()));
        return 2;
    }
    const uint8_t* ip = request.target.octets;
    arping::MacAddress answer{};
    for (uint32_t attempt = 0; attempt < kTries; ++attempt) {
        if (!ask_once(request, info.value().mac, answer)) continue;
        printf("arping: %u.%u.%u.%u is at %02x:%02x:%02x:%02x:%02x:%02x\n", ip[0], ip[1], ip[2], ip[3], answer[0],
               answer[1], answer[2], answer[3], answer[4], answer[5]);
        (void)sys::net::close();
        return 0;
    }
    (void)sys::net::close();
    printf("arping: no reply from %u.%u.%u.%u\n", ip[0], ip[1], ip[2], ip[3]);
    return 1;
}
