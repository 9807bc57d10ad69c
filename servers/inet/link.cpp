// link.cpp — the netif that carries lwIP's frames through netdrv: Open with
// a notification tag, Send from lwIP's output (frames copied into one flat
// buffer and granted to netdrv), Receive after each notification until no
// frame waits. A frame netdrv cannot take (its transmit queue is full) or
// lwIP cannot buffer is dropped and counted: TCP retransmits, UDP may lose.
// When netdrv was restarted (it refuses inet as owner), inet opens the link
// again on the next frame it sends.
//
// Entry points: open_link, receive_frames, keep_link.
#include "link.h"

#include <sys/cstring.h>
#include <sys/net_client.h>
#include <sys/stdio.h>

#include "lwip/etharp.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"

namespace inet {
namespace {

namespace net = protocol::net;

uint8_t frame_buffer[net::kMaxFrame];

// A restarted netdrv has no owner: inet finds out when it is refused and
// takes the link again (same endpoint, same notification tag).
bool reopen_link(InetState& state) {
    if (sys::net::open(kNetdrvNotifyTag).is_error()) return false;
    sys::log("inet: netdrv's link opened again (netdrv restarted)\n");
    return true;
}

err_t link_output(struct netif* interface, struct pbuf* packet) {
    auto* state = static_cast<InetState*>(interface->state);
    if (packet->tot_len > net::kMaxFrame) {
        ++state->dropped_frames;
        return ERR_BUF;
    }
    const uint16_t length = pbuf_copy_partial(packet, frame_buffer, packet->tot_len, 0);
    auto sent = sys::net::send(frame_buffer, length);
    if (sent.is_error() && sent.error() == Error::PermissionDenied && reopen_link(*state)) sent = sys::net::send(frame_buffer, length);
    if (sent.is_error()) {
        ++state->dropped_frames;
        return ERR_IF;
    }
    return ERR_OK;
}

err_t interface_init(struct netif* interface) {
    auto* state = static_cast<InetState*>(interface->state);
    interface->name[0] = 'e';
    interface->name[1] = 'n';
    interface->hwaddr_len = ETH_HWADDR_LEN;
    sys::str::memcpy(interface->hwaddr, state->mac, ETH_HWADDR_LEN);
    interface->mtu = 1500;
    interface->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET | NETIF_FLAG_LINK_UP;
    interface->output = etharp_output;
    interface->linkoutput = link_output;
    return ERR_OK;
}

}  // namespace

Result<void> open_link(InetState& state) {
    const net::LinkInfo link = TRY(sys::net::link_info());
    sys::str::memcpy(state.mac, link.mac, sizeof state.mac);
    TRY(sys::net::open(kNetdrvNotifyTag));
    state.link_open = true;
    if (netif_add_noaddr(&state.interface, &state, interface_init, ethernet_input) == nullptr) return Error::NoMemory;
    netif_set_default(&state.interface);
    return {};
}

void keep_link(InetState& state) {
    auto link = sys::net::link_info();
    if (link.ok() && !link.value().owned) (void)reopen_link(state);
}

void receive_frames(InetState& state) {
    for (;;) {
        auto received = sys::net::receive(frame_buffer, sizeof frame_buffer, 0);
        if (received.is_error()) {
            if (received.error() != Error::WouldBlock) sys::log("inet: receive from netdrv: %s\n", neurath::error_name(received.error()));
            return;
        }
        const uint16_t length = static_cast<uint16_t>(received.value());
        struct pbuf* packet = pbuf_alloc(PBUF_RAW, length, PBUF_POOL);
        if (packet == nullptr) {
            ++state.dropped_frames;
            continue;
        }
        pbuf_take(packet, frame_buffer, length);
        if (state.interface.input(packet, &state.interface) != ERR_OK) {
            pbuf_free(packet);
            ++state.dropped_frames;
        }
    }
}

}  // namespace inet
