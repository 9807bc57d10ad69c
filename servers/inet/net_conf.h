// net_conf.h — the static address file `net.conf` (a boot module; format in
// docs/network.md): one setting per line, `#` starts a comment:
//   address <a.b.c.d>/<prefix>    required, prefix 1..32
//   gateway <a.b.c.d>             optional
//   name <word>                   optional, up to 15 characters
// Anything else (unknown keyword, missing or extra word, bad address, a
// setting given twice) refuses the whole file: the error names the line.
//
// Pure (no kernel, no lwIP): also built into host unit tests.
// Entry points: AddressConfig, parse_net_conf.
#pragma once

#include <neurath/error.h>
#include <protocol/inet.h>
#include <sys/result.h>

namespace inet {

struct AddressConfig {
    protocol::inet::ConfigSource source = protocol::inet::ConfigSource::None;
    uint32_t ip = 0;
    uint32_t netmask = 0;
    uint32_t gateway = 0;
    char name[protocol::inet::kNameLength] = {};
};

inline constexpr const char* kNetConfModule = "net.conf";
inline constexpr size_t kMaxNetConf = 4096;

struct NetConfError {
    uint32_t line;                    // 1-based; 0: not tied to a line
    const char* reason;               // static text
};

// Fills `out` (source Static) only when the whole text is valid.
sys::Result<void> parse_net_conf(const char* text, size_t length, AddressConfig& out, NetConfError& error);

}  // namespace inet
