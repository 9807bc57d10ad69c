// arp_frame.cpp — ARP request and reply (see arp_frame.h).
#include "arp_frame.h"

namespace arping {
namespace {

constexpr uint16_t kEtherTypeArp = 0x0806;
constexpr uint16_t kHardwareEthernet = 1;
constexpr uint16_t kProtocolIpv4 = 0x0800;
constexpr uint16_t kOpRequest = 1;
constexpr uint16_t kOpReply = 2;

// Offsets inside the frame.
constexpr size_t kEtherType = 12;
constexpr size_t kArp = 14;
constexpr size_t kSenderMac = kArp + 8;
constexpr size_t kSenderIp = kArp + 14;
constexpr size_t kTargetMac = kArp + 18;
constexpr size_t kTargetIp = kArp + 24;

void put16(uint8_t* at, uint16_t value) {
    at[0] = static_cast<uint8_t>(value >> 8);
    at[1] = static_cast<uint8_t>(value);
}
uint16_t get16(const uint8_t* at) { return static_cast<uint16_t>((at[0] << 8) | at[1]); }
void copy(uint8_t* to, const uint8_t* from, size_t length) {
    for (size_t i = 0; i < length; ++i) to[i] = from[i];
}
bool equal(const uint8_t* a, const uint8_t* b, size_t length) {
    for (size_t i = 0; i < length; ++i) {
        if (a[i] != b[i]) return false;
    }
    return true;
}

// The fixed part of every IPv4-over-Ethernet ARP packet, and the operation.
bool is_ipv4_arp(const uint8_t* frame, size_t length, uint16_t operation) {
    if (length < kArpFrameBytes || get16(frame + kEtherType) != kEtherTypeArp) return false;
    if (get16(frame + kArp) != kHardwareEthernet || get16(frame + kArp + 2) != kProtocolIpv4) return false;
    return frame[kArp + 4] == 6 && frame[kArp + 5] == 4 && get16(frame + kArp + 6) == operation;
}

// Header and ARP fields common to requests and replies; zero padding.
void build_arp(uint8_t (&frame)[kMinEthernetFrame], const uint8_t* destination, uint16_t operation) {
    for (uint8_t& byte : frame) byte = 0;
    copy(frame, destination, 6);
    put16(frame + kEtherType, kEtherTypeArp);
    put16(frame + kArp, kHardwareEthernet);
    put16(frame + kArp + 2, kProtocolIpv4);
    frame[kArp + 4] = 6;
    frame[kArp + 5] = 4;
    put16(frame + kArp + 6, operation);
}

}  // namespace

bool parse_ipv4(const char* text, Ipv4& out) {
    for (int part = 0; part < 4; ++part) {
        if (*text < '0' || *text > '9') return false;
        uint32_t value = 0;
        int digits = 0;
        for (; *text >= '0' && *text <= '9'; ++text, ++digits) {
            value = value * 10 + static_cast<uint32_t>(*text - '0');
            if (digits == 3 || value > 255) return false;
        }
        out.octets[part] = static_cast<uint8_t>(value);
        if (part < 3 && *text++ != '.') return false;
    }
    return *text == '\0';
}

size_t build_request(uint8_t (&frame)[kMinEthernetFrame], const MacAddress& mac, Ipv4 sender, Ipv4 target) {
    const uint8_t broadcast[6] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    build_arp(frame, broadcast, kOpRequest);
    copy(frame + 6, mac, 6);
    copy(frame + kSenderMac, mac, 6);
    copy(frame + kSenderIp, sender.octets, 4);
    copy(frame + kTargetIp, target.octets, 4);
    return kMinEthernetFrame;
}

bool match_reply(const uint8_t* frame, size_t length, const MacAddress& mac, Ipv4 sender, Ipv4 target,
                 MacAddress& answer) {
    if (!is_ipv4_arp(frame, length, kOpReply)) return false;
    if (!equal(frame + kSenderIp, target.octets, 4) || !equal(frame + kTargetIp, sender.octets, 4)) return false;
    if (!equal(frame + kTargetMac, mac, 6) || !equal(frame, mac, 6)) return false;
    copy(answer, frame + kSenderMac, 6);
    return true;
}

bool match_request(const uint8_t* frame, size_t length, Ipv4 own, MacAddress& asker_mac, Ipv4& asker_ip) {
    if (!is_ipv4_arp(frame, length, kOpRequest) || !equal(frame + kTargetIp, own.octets, 4)) return false;
    copy(asker_mac, frame + kSenderMac, 6);
    copy(asker_ip.octets, frame + kSenderIp, 4);
    return true;
}

size_t build_reply(uint8_t (&frame)[kMinEthernetFrame], const MacAddress& mac, Ipv4 own, const MacAddress& asker_mac,
                   Ipv4 asker_ip) {
    build_arp(frame, asker_mac, kOpReply);
    copy(frame + 6, mac, 6);
    copy(frame + kSenderMac, mac, 6);
    copy(frame + kSenderIp, own.octets, 4);
    copy(frame + kTargetMac, asker_mac, 6);
    copy(frame + kTargetIp, asker_ip.octets, 4);
    return kMinEthernetFrame;
}

}  // namespace arping
