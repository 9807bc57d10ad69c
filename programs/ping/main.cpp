// main.cpp — /bin/ping: ICMP echo requests through inet, one a second,
// e.g. "64 bytes from 10.0.2.2: seq=1 ttl=255 time=0.412 ms", then a
// summary "3 sent, 3 received".
//
// Usage: ping <a.b.c.d> [count] (default 3, at most 100). Entry point: main.
// Exit status 0 when every request was answered, 1 when some were not, 2 on
// bad arguments or no network.
#include <sys/kcall.h>
#include <sys/socket.h>
#include <sys/stdio.h>

#include "numbers.h"

namespace {

constexpr uint32_t kTimeoutMs = 2000;
constexpr uint64_t kIntervalNs = 1'000'000'000;
constexpr uint32_t kPayload = 56;
constexpr uint64_t kMaxCount = 100;

// Waits until `until_ns` (uptime) through the kernel's alarm.
void wait_until(uint64_t until_ns) {
    const uint64_t now = sys::uptime_ns();
    if (now >= until_ns) return;
    if (sys::set_alarm(until_ns - now).is_error()) return;
    neurath::Message message{};
    (void)sys::receive(neurath::kKernel, message);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        printf("usage: ping <a.b.c.d> [count]\n");
        return 2;
    }
    auto target = sys::inet::parse_ipv4(argv[1]);
    auto count = argc == 3 ? shell::parse_unsigned(argv[2]) : sys::Result<uint64_t>(uint64_t{3});
    if (target.is_error() || count.is_error() || count.value() == 0 || count.value() > kMaxCount) {
        printf("ping: usage: ping <a.b.c.d> [count 1..100]\n");
        return 2;
    }
    uint32_t received = 0;
    for (uint64_t sequence = 1; sequence <= count.value(); ++sequence) {
        const uint64_t started = sys::uptime_ns();
        auto reply = sys::inet::ping(target.value(), static_cast<uint16_t>(sequence), kTimeoutMs, kPayload);
        if (reply.is_error()) {
            if (reply.error() == neurath::Error::NoSuchEndpoint) {
                printf("ping: no network (boot with ./neurath run --net)\n");
                return 2;
            }
            printf("ping: %s seq=%lu: %s\n", argv[1], sequence, neurath::error_name(reply.error()));
        } else {
            ++received;
            const uint64_t us = reply.value().round_trip_us;
            printf("%u bytes from %s: seq=%lu ttl=%u time=%lu.%03lu ms\n", kPayload + 8, argv[1], sequence,
                   reply.value().ttl, us / 1000, us % 1000);
        }
        if (sequence < count.value()) wait_until(started + kIntervalNs);
    }
    printf("ping: %lu sent, %u received\n", count.value(), received);
    return received == count.value() ? 0 : 1;
}
