// arp_frame.h — ARP over Ethernet for IPv4 (RFC 826): building a request and
// recognising the reply to it. Pure logic, unit-tested on the host
// (tests/unit/netdrv/arp_frame_test.cpp).
//
// Entry points: arping::build_request, arping::match_reply,
// arping::parse_ipv4, Ipv4, MacAddress, kArpFrameBytes.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace arping {

using MacAddress = uint8_t[6];

struct Ipv4 {
    uint8_t octets[4];
};

inline constexpr size_t kArpFrameBytes = 14 + 28;  // Ethernet header + ARP for IPv4 over Ethernet
inline constexpr size_t kMinEthernetFrame = 60;     // without FCS; shorter frames are padded

// "a.b.c.d" -> address; false for anything else.
bool parse_ipv4(const char* text, Ipv4& out);

// A broadcast "who has `target`? tell `sender`" from (`mac`, `sender`),
// padded to the Ethernet minimum; returns the frame's length.
size_t build_request(uint8_t (&frame)[kMinEthernetFrame], const MacAddress& mac, Ipv4 sender, Ipv4 target);

// Whether `frame` is the ARP reply of `target` to (`mac`, `sender`); its
// hardware address goes to `answer`.
bool match_reply(const uint8_t* frame, size_t length, const MacAddress& mac, Ipv4 sender, Ipv4 target,
                 MacAddress& answer);

// Whether `frame` is an ARP request asking who has `own`; the asker's
// hardware and protocol addresses go to `asker_mac` and `asker_ip`.
bool match_request(const uint8_t* frame, size_t length, Ipv4 own, MacAddress& asker_mac, Ipv4& asker_ip);

// The reply "`own` is at `mac`" to the asker, padded to the Ethernet minimum;
// returns the frame's length.
size_t build_reply(uint8_t (&frame)[kMinEthernetFrame], const MacAddress& mac, Ipv4 own, const MacAddress& asker_mac,
                   Ipv4 asker_ip);

}  // namespace arping
