// main.cpp — /test/arp-answer: owns the link and answers ARP requests for one
// IPv4 address, so that another machine on the LAN (`./neurath cluster`) or
// the host (the malformed-frame flood test) gets a reply to arping before a
// TCP/IP server exists. Every other frame is taken and ignored, whatever its
// bytes: it is also the link owner that parses flooded frames.
//
// Usage: arp-answer <a.b.c.d> [count] — answer until `count` requests were
// answered (default 0: until killed). Entry point: main. Prints
// "arp-answer: answering for <ip> at <mac>" once the link is its own, one line
// per reply, and "arp-answer: N replies, F frames taken, I ignored" at the
// end; exit 0, 1 on a receive or send error, 2 on bad arguments or a link it
// cannot open.
#include <sys/cstring.h>
#include <sys/net_client.h>
#include <sys/stdio.h>

#include "arp_frame.h"

namespace {

// Each Receive waits as long as netdrv allows: a killed arp-answer leaves one
// held (test_network.py checks the next owner is not refused because of it).
constexpr uint32_t kWaitMs = protocol::net::kMaxWaitMs;

struct Options {
    arping::Ipv4 own{};
    uint64_t count = 0;  // 0: forever
};

bool parse_count(const char* text, uint64_t& out) {
    out = 0;
    if (*text == '\0') return false;
    for (; *text; ++text) {
        if (*text < '0' || *text > '9' || out > 1'000'000) return false;
        out = out * 10 + static_cast<uint64_t>(*text - '0');
    }
    return true;
}

bool parse_arguments(int argc, char** argv, Options& options) {
    if (argc != 2 && argc != 3) return false;
    if (!arping::parse_ipv4(argv[1], options.own)) return false;
    return argc == 2 || parse_count(argv[2], options.count);
}

struct Tally {
    uint64_t replies = 0;
    uint64_t taken = 0;
    uint64_t ignored = 0;
};

// Answers `frame` if it asks for our address; false only on a send error.
bool answer(const Options& options, const arping::MacAddress& mac, const uint8_t* frame, size_t length, Tally& tally) {
    arping::MacAddress asker_mac{};
    arping::Ipv4 asker_ip{};
    if (!arping::match_request(frame, length, options.own, asker_mac, asker_ip)) {
        ++tally.ignored;
        return true;
    }
    uint8_t reply[arping::kMinEthernetFrame];
    auto sent = sys::net::send(reply, arping::build_reply(reply, mac, options.own, asker_mac, asker_ip));
    if (sent.is_error()) {
        printf("arp-answer: send: %s\n", neurath::error_name(sent.error()));
        return false;
    }
    ++tally.replies;
    const uint8_t* ip = asker_ip.octets;
    printf("arp-answer: told %u.%u.%u.%u\n", ip[0], ip[1], ip[2], ip[3]);
    return true;
}

int serve(const Options& options, const arping::MacAddress& mac) {
    static uint8_t frame[protocol::net::kMaxFrame];
    Tally tally;
    int status = 0;
    while (options.count == 0 || tally.replies < options.count) {
        auto got = sys::net::receive(frame, sizeof frame, kWaitMs);
        if (got.is_error() && got.error() == neurath::Error::Timeout) continue;
        if (got.is_error()) {
            printf("arp-answer: receive: %s\n", neurath::error_name(got.error()));
            status = 1;
            break;
        }
        ++tally.taken;
        if (!answer(options, mac, frame, got.value(), tally)) {
            status = 1;
            break;
        }
    }
    printf("arp-answer: %lu replies, %lu frames taken, %lu ignored\n", tally.replies, tally.taken, tally.ignored);
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse_arguments(argc, argv, options)) {
        printf("usage: arp-answer <a.b.c.d> [count]\n");
        return 2;
    }
    auto info = sys::net::link_info();
    auto opened = info.is_error() ? sys::Result<void>(info.error()) : sys::net::open();
    if (opened.is_error()) {
        printf("arp-answer: cannot use the network: %s\n", neurath::error_name(opened.error()));
        return 2;
    }
    const uint8_t* ip = options.own.octets;
    const uint8_t* mac = info.value().mac;
    printf("arp-answer: answering for %u.%u.%u.%u at %02x:%02x:%02x:%02x:%02x:%02x\n", ip[0], ip[1], ip[2], ip[3],
           mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
    const int status = serve(options, info.value().mac);
    (void)sys::net::close();
    return status;
}
