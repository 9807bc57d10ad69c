// ipv4_text.cpp — dotted-quad IPv4 addresses to and from host-order
// numbers (declared in sys/socket.h). Portable: also in host unit tests.
//
// Entry points: sys::inet::parse_ipv4, sys::inet::format_ipv4.
#include <sys/format.h>
#include <sys/socket.h>

namespace sys::inet {

Result<uint32_t> parse_ipv4(const char* text) {
    uint32_t value = 0;
    for (int part = 0; part < 4; ++part) {
        if (*text < '0' || *text > '9') return neurath::Error::InvalidArgument;
        uint32_t number = 0;
        int digits = 0;
        while (*text >= '0' && *text <= '9') {
            number = number * 10 + static_cast<uint32_t>(*text++ - '0');
            if (++digits > 3 || number > 255) return neurath::Error::InvalidArgument;
        }
        value = (value << 8) | number;
        if (part < 3 && *text++ != '.') return neurath::Error::InvalidArgument;
    }
    if (*text != '\0') return neurath::Error::InvalidArgument;
    return value;
}

void format_ipv4(uint32_t ip, char (&out)[16]) {
    sys::format(out, sizeof out, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 0xFF, (ip >> 8) & 0xFF, ip & 0xFF);
}

}  // namespace sys::inet
