// main.cpp — /bin/ifconfig: the machine's network interface: the link as
// netdrv reports it (MAC address, link state, whether a client owns it,
// frame and byte counters, drops, refused requests) and the addresses inet
// configured (DHCP or net.conf), its sockets and TCP connections.
//
// Entry point: main. Exit status 0, or 1 when the machine has no network
// device (netdrv is only started on a machine with one: ./neurath run --net).
#include <sys/net_client.h>
#include <sys/socket.h>
#include <sys/stdio.h>

namespace {

const char* source_name(protocol::inet::ConfigSource source) {
    switch (source) {
    case protocol::inet::ConfigSource::Dhcp: return "dhcp";
    case protocol::inet::ConfigSource::Static: return "net.conf";
    default: return "none";
    }
}

void print_addresses() {
    auto info = sys::inet::interface_info();
    if (info.is_error()) {
        printf("  inet: %s\n", neurath::error_name(info.error()));
        return;
    }
    const protocol::inet::InterfaceInfoReply& in = info.value();
    if (!in.up) {
        printf("  inet: no address (%s)\n", source_name(in.source));
    } else {
        char ip[16], gateway[16];
        sys::inet::format_ipv4(in.ip, ip);
        sys::inet::format_ipv4(in.gateway, gateway);
        printf("  inet %s/%u  gateway %s  (%s)%s%s\n", ip, __builtin_popcount(in.netmask), gateway, source_name(in.source),
               in.name[0] ? "  name " : "", in.name);
    }
    printf("  sockets: %u open, %u tcp connections, %u frames dropped by inet\n", in.sockets, in.tcp_connections,
           in.dropped_frames);
}

}  // namespace

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
    print_addresses();
    printf("  rx: %lu frames, %lu bytes, %lu dropped\n", link.frames_in, link.bytes_in, link.drops);
    printf("  tx: %lu frames, %lu bytes, %lu refused requests\n", link.frames_out, link.bytes_out, link.errors);
    return 0;
}
