// main.cpp — /bin/ifconfig: the machine's network link as netdrv reports
// it: MAC address, link state, whether a client owns the link, and the
// counters (frames and bytes in and out, drops, errors). IP addresses will
// appear here once the TCP/IP server exists.
//
// Entry point: main. Exit status 0, or 1 when the machine has no network
// device (netdrv is only started on a machine with one: ./neurath run --net).
#include <sys/net_client.h>
#include <sys/stdio.h>

int main(int, char**) {
    auto info = sys::net::link_info();
    if (info.is_error()) {
        if (info.error() == neurath::Error::NoSuchEndpoint || info.error() == neurath::Error::DeadEndpoint) {
            printf("ifconfig: no network device (boot with ./neurath run --net)\n");
        } else {
            printf("ifconfig: netdrv: %s\n", neurath::error_name(info.error()));
        }
        return 1;
    }
    const protocol::net::LinkInfo& link = info.value();
    const uint8_t* mac = link.mac;
    printf("net0: virtio-net  link %s  mac %02x:%02x:%02x:%02x:%02x:%02x%s\n", link.link_up ? "up" : "down", mac[0],
           mac[1], mac[2], mac[3], mac[4], mac[5], link.owned ? "  (in use)" : "");
    printf("  rx: %lu frames, %lu bytes, %lu dropped\n", link.frames_in, link.bytes_in, link.drops);
    printf("  tx: %lu frames, %lu bytes, %lu refused requests\n", link.frames_out, link.bytes_out, link.errors);
    return 0;
}
