// net_conf.cpp — parsing and reading `net.conf` (see net_conf.h).
//
// Entry point: parse_net_conf.
#include "net_conf.h"

#include <sys/args.h>
#include <sys/cstring.h>
#include <sys/socket.h>

namespace inet {
using neurath::Error;

namespace {

constexpr size_t kMaxLine = 128;
constexpr size_t kMaxWords = 4;

// "a.b.c.d" -> host-order address; false if it is not exactly that.
bool parse_ipv4(const char* text, uint32_t& out) {
    auto parsed = sys::inet::parse_ipv4(text);
    if (parsed.is_error()) return false;
    out = parsed.value();
    return true;
}

bool parse_prefix(const char* text, uint32_t& mask) {
    uint32_t bits = 0;
    int digits = 0;
    while (*text >= '0' && *text <= '9' && digits < 3) bits = bits * 10 + static_cast<uint32_t>(*text++ - '0'), ++digits;
    if (*text != '\0' || digits == 0 || bits < 1 || bits > 32) return false;
    mask = bits == 32 ? 0xFFFFFFFFu : ~(0xFFFFFFFFu >> bits);
    return true;
}

const char* parse_address(char* word, AddressConfig& config) {
    char* slash = sys::str::strchr(word, '/');
    if (slash == nullptr) return "address needs a prefix length: address a.b.c.d/prefix";
    *slash = '\0';
    if (!parse_ipv4(word, config.ip)) return "address is not a.b.c.d";
    if (!parse_prefix(slash + 1, config.netmask)) return "prefix length must be 1..32";
    if (config.ip == 0) return "address 0.0.0.0 is not an address";
    return nullptr;
}

const char* parse_line(char** words, size_t count, AddressConfig& config, bool (&seen)[3]) {
    const char* keyword = words[0];
    if (count != 2) return "expected one keyword and one value";
    if (sys::str::strcmp(keyword, "address") == 0) {
        if (seen[0]) return "address given twice";
        seen[0] = true;
        return parse_address(words[1], config);
    }
    if (sys::str::strcmp(keyword, "gateway") == 0) {
        if (seen[1]) return "gateway given twice";
        seen[1] = true;
        return parse_ipv4(words[1], config.gateway) ? nullptr : "gateway is not a.b.c.d";
    }
    if (sys::str::strcmp(keyword, "name") == 0) {
        if (seen[2]) return "name given twice";
        seen[2] = true;
        if (sys::str::strlen(words[1]) >= sizeof config.name) return "name longer than 15 characters";
        sys::str::strlcpy(config.name, words[1], sizeof config.name);
        return nullptr;
    }
    return "unknown keyword (address, gateway, name)";
}

}  // namespace

sys::Result<void> parse_net_conf(const char* text, size_t length, AddressConfig& out, NetConfError& error) {
    AddressConfig config{};
    bool seen[3] = {};
    uint32_t line_number = 0;
    size_t at = 0;
    while (at < length) {
        ++line_number;
        char line[kMaxLine];
        size_t used = 0;
        while (at < length && text[at] != '\n') {
            if (used + 1 >= sizeof line) {
                error = {line_number, "line longer than 127 characters"};
                return Error::InvalidArgument;
            }
            line[used++] = text[at++];
        }
        ++at;
        line[used] = '\0';
        if (char* comment = sys::str::strchr(line, '#')) *comment = '\0';
        char* words[kMaxWords];
        const auto split = sys::split_words(line, words, kMaxWords);
        if (split.is_error()) {
            error = {line_number, "too many words"};
            return Error::InvalidArgument;
        }
        const size_t count = split.value();
        if (count == 0) continue;
        if (const char* reason = parse_line(words, count, config, seen)) {
            error = {line_number, reason};
            return Error::InvalidArgument;
        }
    }
    if (!seen[0]) {
        error = {0, "no address line"};
        return Error::InvalidArgument;
    }
    config.source = protocol::inet::ConfigSource::Static;
    out = config;
    return {};
}

}  // namespace inet
