// bench_output.h — what netbench's measurements share: the stream pattern,
// its chunk size, a listening socket, and the one-line report format
// `bench <name> <value> <unit>` (tools/net_bench.py tabulates it).
//
// Entry points: pattern_byte, listen_on, report, fail, kChunk.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <sys/result.h>
#include <sys/socket.h>
#include <sys/stdio.h>

namespace netbench {

inline constexpr size_t kChunk = 11 * 1460;  // whole segments (TCP_MSS 1460)

// A fixed non-periodic pattern: byte `offset` of every checked stream.
inline uint8_t pattern_byte(uint64_t offset) { return static_cast<uint8_t>(offset * 131 + (offset >> 11)); }

// A TCP socket listening on `ip`:`port` (ip 0: every address).
inline sys::Result<uint32_t> listen_on(uint32_t ip, uint16_t port, uint32_t backlog) {
    const uint32_t listener = TRY(sys::inet::socket(sys::inet::SocketKind::Stream));
    auto listening = [&]() -> sys::Result<void> {
        TRY(sys::inet::bind(listener, sys::inet::Address{ip, port, 0}));
        return sys::inet::listen(listener, backlog);
    }();
    if (listening.is_error()) {
        (void)sys::inet::close(listener);
        return listening.error();
    }
    return listener;
}

inline void report(const char* name, uint64_t value, const char* unit) {
    printf("bench %s %llu %s\n", name, static_cast<unsigned long long>(value), unit);
}

inline int fail(const char* name, neurath::Error error) {
    printf("bench %s failed: %s\n", name, neurath::error_name(error));
    return 1;
}

}  // namespace netbench
