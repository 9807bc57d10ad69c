// address_config.cpp — static or DHCP addresses for the interface (see
// address_config.h); the address is logged once it is complete.
//
// Entry points: configure_addresses, note_address_change.
#include "address_config.h"

#include <sys/cstring.h>
#include <sys/kcall.h>
#include <sys/socket.h>
#include <sys/stdio.h>

#include "lwip/def.h"
#include "lwip/dhcp.h"
#include "net_conf.h"

namespace inet {
namespace {

constexpr uint64_t kMaxModules = 32;

// The module's text (NUL-terminated in `buffer`), NotFound when the machine
// was booted without one.
Result<size_t> read_net_conf_module(char* buffer, size_t capacity) {
    for (uint64_t index = 0; index < kMaxModules; ++index) {
        neurath::ModuleDescriptor descriptor{};
        if (sys::module_info(index, descriptor).is_error()) break;
        descriptor.name[neurath::kNameLength - 1] = '\0';
        if (sys::str::strcmp(descriptor.name, kNetConfModule) != 0) continue;
        if (descriptor.length >= capacity) return Error::TooBig;
        const uint64_t read = TRY(sys::module_read(index, 0, buffer, descriptor.length));
        buffer[read] = '\0';
        return static_cast<size_t>(read);
    }
    return Error::NotFound;
}



ip4_addr_t lwip_address(uint32_t value) {
    ip4_addr_t address;
    address.addr = lwip_htonl(value);
    return address;
}

uint32_t host_order(const ip4_addr_t* address) { return lwip_ntohl(ip4_addr_get_u32(address)); }


void configure_static(InetState& state, const AddressConfig& config) {
    state.config = config;
    const ip4_addr_t ip = lwip_address(config.ip);
    const ip4_addr_t mask = lwip_address(config.netmask);
    const ip4_addr_t gateway = lwip_address(config.gateway);
    netif_set_addr(&state.interface, &ip, &mask, &gateway);
    if (config.name[0] != '\0') state.interface.hostname = state.config.name;
}

}  // namespace

// lwIP sets address, mask and gateway one after the other, so the complete
// configuration is read (and announced once) after the event that set it.
void note_address_change(InetState& state) {
    const uint32_t ip = host_order(netif_ip4_addr(&state.interface));
    if (ip == 0) {
        state.address_announced = false;
        return;
    }
    if (state.address_announced) return;
    state.address_announced = true;
    state.config.ip = ip;
    state.config.netmask = host_order(netif_ip4_netmask(&state.interface));
    state.config.gateway = host_order(netif_ip4_gw(&state.interface));
    char address[16], gateway[16];
    sys::inet::format_ipv4(state.config.ip, address);
    sys::inet::format_ipv4(state.config.gateway, gateway);
    const bool dhcp = state.config.source == protocol::inet::ConfigSource::Dhcp;
    sys::log("inet: address %s/%u gateway %s (%s)\n", address, __builtin_popcount(state.config.netmask), gateway,
             dhcp ? "dhcp" : "net.conf");
}

void configure_addresses(InetState& state) {
    netif_set_up(&state.interface);
    static char text[kMaxNetConf];
    auto module = read_net_conf_module(text, sizeof text);
    if (module.ok()) {
        AddressConfig config{};
        NetConfError error{};
        if (parse_net_conf(text, module.value(), config, error).is_error()) {
            sys::log("inet: net.conf line %u: %s; the interface stays unconfigured\n", error.line, error.reason);
            return;
        }
        configure_static(state, config);
        note_address_change(state);
        return;
    }
    if (module.error() != Error::NotFound) {
        sys::log("inet: net.conf: %s; the interface stays unconfigured\n", neurath::error_name(module.error()));
        return;
    }
    state.config.source = protocol::inet::ConfigSource::Dhcp;
    if (dhcp_start(&state.interface) != ERR_OK) sys::log("inet: cannot start DHCP: out of memory\n");
}

}  // namespace inet
