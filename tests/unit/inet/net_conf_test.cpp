// net_conf_test.cpp — the net.conf parser: what it accepts, and that every
// malformed file is refused with its line and changes nothing.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "net_conf.h"
#include <sys/socket.h>

namespace {

using inet::AddressConfig;
using inet::NetConfError;
using protocol::inet::ConfigSource;

struct Parsed {
    bool ok;
    AddressConfig config;
    NetConfError error;
};

Parsed parse(const std::string& text) {
    Parsed parsed{false, {}, {}};
    parsed.config.ip = 0xDEADBEEF;  // must stay untouched on a refusal
    parsed.ok = inet::parse_net_conf(text.data(), text.size(), parsed.config, parsed.error).ok();
    return parsed;
}

TEST(NetConf, AddressGatewayAndName) {
    const Parsed parsed = parse("# node 2 of the cluster\naddress 10.0.0.2/24\n\ngateway 10.0.0.1   # the router\nname node2\n");
    ASSERT_TRUE(parsed.ok) << parsed.error.reason;
    EXPECT_EQ(parsed.config.source, ConfigSource::Static);
    EXPECT_EQ(parsed.config.ip, 0x0A000002u);
    EXPECT_EQ(parsed.config.netmask, 0xFFFFFF00u);
    EXPECT_EQ(parsed.config.gateway, 0x0A000001u);
    EXPECT_STREQ(parsed.config.name, "node2");
}

TEST(NetConf, AddressAloneWithoutFinalNewline) {
    const Parsed parsed = parse("address 192.168.7.9/32");
    ASSERT_TRUE(parsed.ok);
    EXPECT_EQ(parsed.config.netmask, 0xFFFFFFFFu);
    EXPECT_EQ(parsed.config.gateway, 0u);
    EXPECT_STREQ(parsed.config.name, "");
}

struct Malformed {
    const char* text;
    uint32_t line;
};

class NetConfMalformed : public testing::TestWithParam<Malformed> {};

TEST_P(NetConfMalformed, IsRefusedWithItsLineAndChangesNothing) {
    const Parsed parsed = parse(GetParam().text);
    EXPECT_FALSE(parsed.ok);
    EXPECT_EQ(parsed.error.line, GetParam().line) << parsed.error.reason;
    EXPECT_NE(parsed.error.reason, nullptr);
    EXPECT_EQ(parsed.config.ip, 0xDEADBEEFu);
}

INSTANTIATE_TEST_SUITE_P(
    Files, NetConfMalformed,
    testing::Values(Malformed{"", 0}, Malformed{"# only a comment\n", 0}, Malformed{"gateway 10.0.0.1\n", 0},
                    Malformed{"address 10.0.0.2\n", 1}, Malformed{"address 10.0.0.2/33\n", 1},
                    Malformed{"address 10.0.0.2/0\n", 1}, Malformed{"address 10.0.0/24\n", 1},
                    Malformed{"address 10.0.0.256/24\n", 1}, Malformed{"address 0.0.0.0/8\n", 1},
                    Malformed{"address 10.0.0.2/24 extra\n", 1}, Malformed{"address\n", 1},
                    Malformed{"address 10.0.0.2/24\ngateway ten\n", 2},
                    Malformed{"address 10.0.0.2/24\naddress 10.0.0.3/24\n", 2},
                    Malformed{"address 10.0.0.2/24\nname averyveryverylongname\n", 2},
                    Malformed{"address 10.0.0.2/24\n\n\nmtu 1500\n", 4},
                    Malformed{"address 10.0.0.2/24\nname a b c d e\n", 2}));

TEST(Ipv4Text, BothWays) {
    EXPECT_EQ(sys::inet::parse_ipv4("10.0.2.15").value(), 0x0A00020Fu);
    EXPECT_TRUE(sys::inet::parse_ipv4("10.0.2").is_error());
    EXPECT_TRUE(sys::inet::parse_ipv4("10.0.2.15.1").is_error());
    EXPECT_TRUE(sys::inet::parse_ipv4("1000.0.2.1").is_error());
    char text[16];
    sys::inet::format_ipv4(0xC0A80001u, text);
    EXPECT_STREQ(text, "192.168.0.1");
}

}  // namespace
