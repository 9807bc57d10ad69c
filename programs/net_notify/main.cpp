// main.cpp — /test/net-notify: the way a server (the TCP/IP server to come)
// takes frames from netdrv without blocking in a Receive: it opens the link
// with a notification tag, sends an ARP request to QEMU's gateway, waits for
// netdrv's notification, then fetches the reply with a Receive that does not
// wait. With "abandon" it opens the link and exits without Close: the next
// client must still get the link (netdrv finds the owner gone).
//
// Entry point: main. Prints "net-notify: notified, reply from 10.0.2.2" and
// exits 0, or names what went wrong and exits 1. Needs ./neurath run --net.
#include <neurath/message.h>
#include <sys/cstring.h>
#include <sys/kcall.h>
#include <sys/net_client.h>
#include <sys/stdio.h>

#include "arp_frame.h"

namespace {

constexpr uint32_t kTag = 5;
constexpr uint64_t kWaitNs = 3'000'000'000;
constexpr int kFrames = 16;  // other frames are fetched and skipped

int fail(const char* what, neurath::Error error) {
    printf("net-notify: %s: %s\n", what, neurath::error_name(error));
    return 1;
}

// Waits (bounded by an alarm) for netdrv's notification carrying kTag.
sys::Result<void> wait_for_notification() {
    TRY(sys::set_alarm(kWaitNs));
    neurath::Message message{};
    auto received = sys::receive(protocol::net::kNetdrv, message);
    (void)sys::set_alarm(0);
    TRY(received);
    if (message.type != neurath::kmsg::kNotify) return neurath::Error::BadMessage;
    const uint64_t bits = neurath::payload_of<neurath::NotifyPayload>(message).pending_bits;
    if (((bits >> kTag) & 1) == 0) return neurath::Error::BadMessage;
    return {};
}

int ask_gateway(const protocol::net::LinkInfo& link) {
    const arping::Ipv4 guest{{10, 0, 2, 15}};
    const arping::Ipv4 gateway{{10, 0, 2, 2}};
    uint8_t request[arping::kMinEthernetFrame];
    auto sent = sys::net::send(request, arping::build_request(request, link.mac, guest, gateway));
    if (sent.is_error()) return fail("send", sent.error());
    static uint8_t frame[protocol::net::kMaxFrame];
    arping::MacAddress answer{};
    for (int i = 0; i < kFrames; ++i) {
        auto fetched = sys::net::receive(frame, sizeof frame, 0);
        if (fetched.is_error() && fetched.error() == neurath::Error::WouldBlock) {
            auto notified = wait_for_notification();
            if (notified.is_error()) return fail("no notification", notified.error());
            continue;
        }
        if (fetched.is_error()) return fail("receive", fetched.error());
        if (arping::match_reply(frame, fetched.value(), link.mac, guest, gateway, answer)) {
            printf("net-notify: notified, reply from 10.0.2.2\n");
            return 0;
        }
    }
    printf("net-notify: no ARP reply among %d frames\n", kFrames);
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    auto link = sys::net::link_info();
    if (link.is_error()) return fail("link info", link.error());
    auto opened = sys::net::open(kTag);
    if (opened.is_error()) return fail("open", opened.error());
    if (argc == 2 && sys::str::strcmp(argv[1], "abandon") == 0) {
        printf("net-notify: leaving the link open\n");
        return 0;
    }
    const int status = ask_gateway(link.value());
    (void)sys::net::close();
    return status;
}
