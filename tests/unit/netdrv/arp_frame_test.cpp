// arp_frame_test.cpp — arping's ARP request and its recognition of the reply,
// and arp-answer's recognition of a request and its reply (byte layouts from
// RFC 826 for IPv4 over Ethernet).
#include "arp_frame.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

namespace {

const uint8_t kMac[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
const uint8_t kGatewayMac[6] = {0x52, 0x55, 0x0a, 0x00, 0x02, 0x02};
const arping::Ipv4 kGuest{{10, 0, 2, 15}};
const arping::Ipv4 kGateway{{10, 0, 2, 2}};

// The reply a gateway sends to kMac/kGuest for kGateway.
std::vector<uint8_t> gateway_reply() {
    std::vector<uint8_t> f(60, 0);
    std::memcpy(f.data(), kMac, 6);
    std::memcpy(f.data() + 6, kGatewayMac, 6);
    f[12] = 0x08; f[13] = 0x06;
    f[14] = 0; f[15] = 1; f[16] = 0x08; f[17] = 0; f[18] = 6; f[19] = 4; f[20] = 0; f[21] = 2;
    std::memcpy(f.data() + 22, kGatewayMac, 6);
    std::memcpy(f.data() + 28, kGateway.octets, 4);
    std::memcpy(f.data() + 32, kMac, 6);
    std::memcpy(f.data() + 38, kGuest.octets, 4);
    return f;
}

TEST(ArpFrame, RequestIsABroadcastWhoHas) {
    uint8_t frame[arping::kMinEthernetFrame];
    ASSERT_EQ(arping::build_request(frame, kMac, kGuest, kGateway), 60u);
    const uint8_t expected[42] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56,
                                  0x08, 0x06, 0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01,
                                  0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 10, 0, 2, 15,
                                  0, 0, 0, 0, 0, 0, 10, 0, 2, 2};
    EXPECT_EQ(std::memcmp(frame, expected, sizeof expected), 0);
    for (size_t i = 42; i < 60; ++i) EXPECT_EQ(frame[i], 0) << "padding at " << i;
}

TEST(ArpFrame, RecognisesTheReplyAndItsAddress) {
    const auto reply = gateway_reply();
    uint8_t answer[6] = {};
    ASSERT_TRUE(arping::match_reply(reply.data(), reply.size(), kMac, kGuest, kGateway, answer));
    EXPECT_EQ(std::memcmp(answer, kGatewayMac, 6), 0);
}

TEST(ArpFrame, IgnoresWhatIsNotThatReply) {
    uint8_t answer[6] = {};
    auto reply = gateway_reply();
    EXPECT_FALSE(arping::match_reply(reply.data(), 41, kMac, kGuest, kGateway, answer)) << "truncated";
    auto request = reply;
    request[21] = 1;
    EXPECT_FALSE(arping::match_reply(request.data(), request.size(), kMac, kGuest, kGateway, answer)) << "a request";
    auto other = reply;
    other[31] = 3;
    EXPECT_FALSE(arping::match_reply(other.data(), other.size(), kMac, kGuest, kGateway, answer)) << "other host";
    auto ipv4 = reply;
    ipv4[13] = 0x00;
    EXPECT_FALSE(arping::match_reply(ipv4.data(), ipv4.size(), kMac, kGuest, kGateway, answer)) << "not ARP";
    auto for_someone_else = reply;
    for_someone_else[37] = 0x57;
    EXPECT_FALSE(arping::match_reply(for_someone_else.data(), for_someone_else.size(), kMac, kGuest, kGateway, answer));
}

TEST(ArpFrame, AnAnswererRecognisesARequestForItsAddressOnly) {
    uint8_t request[arping::kMinEthernetFrame];
    arping::build_request(request, kMac, kGuest, kGateway);
    uint8_t asker_mac[6] = {};
    arping::Ipv4 asker_ip{};
    ASSERT_TRUE(arping::match_request(request, sizeof request, kGateway, asker_mac, asker_ip));
    EXPECT_EQ(std::memcmp(asker_mac, kMac, 6), 0);
    EXPECT_EQ(std::memcmp(asker_ip.octets, kGuest.octets, 4), 0);
    EXPECT_FALSE(arping::match_request(request, sizeof request, kGuest, asker_mac, asker_ip)) << "not its address";
    EXPECT_FALSE(arping::match_request(request, 41, kGateway, asker_mac, asker_ip)) << "truncated";
    const auto reply = gateway_reply();
    EXPECT_FALSE(arping::match_request(reply.data(), reply.size(), kGuest, asker_mac, asker_ip)) << "a reply";
}

TEST(ArpFrame, TheAnswerersReplyIsWhatArpingAccepts) {
    uint8_t reply[arping::kMinEthernetFrame];
    ASSERT_EQ(arping::build_reply(reply, kGatewayMac, kGateway, kMac, kGuest), 60u);
    const auto expected = gateway_reply();
    EXPECT_EQ(std::memcmp(reply, expected.data(), expected.size()), 0);
    uint8_t answer[6] = {};
    ASSERT_TRUE(arping::match_reply(reply, sizeof reply, kMac, kGuest, kGateway, answer));
    EXPECT_EQ(std::memcmp(answer, kGatewayMac, 6), 0);
}

TEST(ArpFrame, ParsesDottedQuadsOnly) {
    arping::Ipv4 ip{};
    ASSERT_TRUE(arping::parse_ipv4("10.0.2.2", ip));
    EXPECT_EQ(ip.octets[0], 10);
    EXPECT_EQ(ip.octets[3], 2);
    EXPECT_TRUE(arping::parse_ipv4("255.255.255.255", ip));
    for (const char* bad : {"", "10.0.2", "10.0.2.2.", "10.0.2.256", "1.2.3.4x", "a.b.c.d", "1..2.3", "0001.2.3.4"})
        EXPECT_FALSE(arping::parse_ipv4(bad, ip)) << bad;
}

}  // namespace
