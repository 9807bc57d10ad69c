// net_conf.h — the static address file `net.conf` (a boot module; format in
// docs/network.md): one setting per line, `#` starts a comment:
//   address <a.b.c.d>/<prefix>    required, prefix 1..32
//   gateway <a.b.c.d>             optional
//   name <word>                   optional, up to 15 characters
// Anything else (unknown keyword, missing or extra word, bad address, a
// setting given twice) refuses the whole file: the error names the line.
//
// Entry points: parse_net_conf, read_net_conf_module.
#pragma once

#include "inet_state.h"

namespace inet {

inline constexpr const char* kNetConfModule = "net.conf";
inline constexpr size_t kMaxNetConf = 4096;

struct NetConfError {
    uint32_t line;                    // 1-based; 0: not tied to a line
    const char* reason;               // static text
};

// Fills `out` (source Static) only when the whole text is valid.
Result<void> parse_net_conf(const char* text, size_t length, AddressConfig& out, NetConfError& error);

// The module's text (NUL-terminated in `buffer`), NotFound when the machine
// was booted without one.
Result<size_t> read_net_conf_module(char* buffer, size_t capacity);

}  // namespace inet
