// main.cpp — /bin/arping: asks the network who has an IPv4 address, through
// the TCP/IP server's ARP (inet owns the link): inet forgets what its ARP
// cache knew, sends one request and waits for the reply, e.g.
// "arping: 10.0.2.2 is at 52:55:0a:00:02:02". Proves that frames flow both
// ways through the NIC.
//
// Usage: arping <a.b.c.d>. Entry point: main. Exit status 0 on a reply, 1 on
// no reply within three tries of a second each, 2 on bad arguments or no
// network (netdrv and inet run only on a machine with a NIC: --net).
#include <sys/socket.h>
#include <sys/stdio.h>

namespace {

constexpr uint32_t kTries = 3;
constexpr uint32_t kWaitMs = 1000;

}  // namespace

int main(int argc, char** argv) {
    auto target = argc == 2 ? sys::inet::parse_ipv4(argv[1]) : sys::Result<uint32_t>(neurath::Error::InvalidArgument);
    if (target.is_error()) {
        printf("usage: arping <a.b.c.d>\n");
        return 2;
    }
    for (uint32_t attempt = 0; attempt < kTries; ++attempt) {
        auto answer = sys::inet::arp_query(target.value(), kWaitMs);
        if (answer.is_error() && answer.error() == neurath::Error::Timeout) continue;
        if (answer.is_error()) {
            printf("arping: cannot use the network: %s\n", neurath::error_name(answer.error()));
            return 2;
        }
        const uint8_t* mac = answer.value().mac;
        printf("arping: %s is at %02x:%02x:%02x:%02x:%02x:%02x\n", argv[1], mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
        return 0;
    }
    printf("arping: no reply from %s\n", argv[1]);
    return 1;
}
