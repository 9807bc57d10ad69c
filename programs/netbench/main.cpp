// main.cpp — /bin/netbench: the TCP/IP server's costs in guest instructions
// (run QEMU with -icount shift=0, where the TSC counts instructions).
//
// Every exchange is between two sockets of this one process over the
// interface's own address, which lwIP loops back inside inet: nothing waits
// for the world outside the guest, so no idle time (which -icount would
// skip over by a varying amount) lands inside a measurement. The figures
// repeat to within a few instructions: the periodic timer's phase follows
// when the host typed the command, and its interrupt lands in a few calls.
// Each call here is a request to inet, whose reply may wait for lwIP's
// loopback delivery, never for a timer. `netbench host <port>` measures
// with a peer on the host instead (host_peer.h).
//
// Figures, one line each, `bench <name> <value> <unit>` (tools/net_bench.py):
//   tcp_bulk_loopback      instructions per KiB of a 4 MiB TCP stream (the
//                          sender's and the receiver's work together: both
//                          ends are in the guest), the time inside the calls
//   tcp_bulk_in_send       the part spent inside Send calls (see Split)
//   tcp_bulk_in_recv       the part spent inside Recv calls
//   tcp_connect_request    connect, a 64-byte request, a 256-byte response,
//                          both closes: instructions per round
//   ping_loopback          one ICMP echo request and its reply
//   tcp_bulk_checked       1 when every byte of a 1 MiB stream sent before
//                          (the pattern, checked byte by byte) arrived in order
// Entry point: main. Exit status 0, 1 when a measurement failed (named), 2 on
// bad arguments.
#include <sys/cstring.h>
#include <sys/socket.h>
#include <sys/stdio.h>

#include "bench_output.h"
#include "cycle_counter.h"
#include "host_peer.h"

namespace {

using sys::inet::Address;
using sys::inet::SocketKind;

using netbench::fail;
using netbench::kChunk;
using netbench::listen_on;
using netbench::pattern_byte;
using netbench::report;

constexpr uint64_t kBulkBytes = 4u << 20;
constexpr uint64_t kCheckedBytes = 1u << 20;
constexpr uint32_t kRounds = 200;
constexpr uint32_t kPings = 200;
constexpr size_t kRequestBytes = 64;
constexpr size_t kResponseBytes = 256;
constexpr uint32_t kWaitMs = 10'000;  // a bound, never reached when all is well
constexpr uint16_t kBulkPort = 7101;
constexpr uint16_t kRoundPort = 7102;
constexpr uint32_t kBacklog = 4;

uint8_t send_buffer[kChunk];
uint8_t receive_buffer[32 * 1024];

// A listener on `port`, a client connected to it and the accepted socket.
struct Pair {
    uint32_t listener, client, server;
};

sys::Result<Pair> connect_pair(uint32_t listener, uint32_t ip, uint16_t port) {
    const uint32_t client = TRY(sys::inet::socket(SocketKind::Stream));
    TRY(sys::inet::connect(client, Address{ip, port, 0}, kWaitMs));
    const sys::inet::Accepted accepted = TRY(sys::inet::accept(listener, kWaitMs));
    return Pair{listener, client, accepted.socket};
}

sys::Result<size_t> receive_exact(uint32_t socket, size_t length) {
    size_t got = 0;
    while (got < length) {
        const size_t now = TRY(sys::inet::recv(socket, receive_buffer + got, length - got, kWaitMs));
        if (now == 0) return neurath::Error::BadMessage;
        got += now;
    }
    return got;
}

// Where a stream's instructions went: inside Send calls (copying in, lwIP's
// output, and, looped back, the receiving end's input and ACKs) and inside
// Recv calls (copying out, window updates and the sending end's output they
// let go). A call longer than kStall waited for a timer: -icount skipped the
// idle time, so the figure would not be an instruction count.
struct Split {
    uint64_t in_send = 0, in_recv = 0;
    bool stalled = false;
};

constexpr uint64_t kStall = 10'000'000;

template <typename Call>
auto timed(uint64_t& total, bool& stalled, Call call) {
    const uint64_t start = bench::read_tsc();
    auto result = call();
    const uint64_t elapsed = bench::read_tsc() - start;
    total += elapsed;
    stalled |= elapsed > kStall;
    return result;
}

// Sends what the window takes, then receives what has arrived, until
// `bytes` are across. With `check`, each chunk is filled with the pattern at
// its offset and every byte received is compared with it; without, the same
// buffer goes out each time and nothing is done per byte outside the calls.
sys::Result<bool> pump(const Pair& pair, uint64_t bytes, bool check, Split& split) {
    uint64_t sent = 0, received = 0;
    bool intact = true;
    while (received < bytes) {
        if (sent < bytes) {
            const size_t length = bytes - sent < kChunk ? bytes - sent : kChunk;
            for (size_t i = 0; check && i < length; ++i) send_buffer[i] = pattern_byte(sent + i);
            sent += TRY(timed(split.in_send, split.stalled,
                              [&] { return sys::inet::send(pair.client, send_buffer, length, kWaitMs); }));
        }
        const size_t got = TRY(timed(split.in_recv, split.stalled, [&] {
            return sys::inet::recv(pair.server, receive_buffer, sizeof receive_buffer, kWaitMs);
        }));
        if (got == 0) return neurath::Error::BadMessage;
        for (size_t i = 0; check && i < got; ++i) intact &= receive_buffer[i] == pattern_byte(received + i);
        received += got;
    }
    return intact;
}

// A checked stream first (not measured), then the measured one on the same
// connection.
sys::Result<bool> checked_then_measured(const Pair& pair, Split& split) {
    Split checked;
    const bool intact = TRY(pump(pair, kCheckedBytes, true, checked));
    for (size_t i = 0; i < kChunk; ++i) send_buffer[i] = pattern_byte(i);
    TRY(pump(pair, kBulkBytes, false, split));
    return intact;
}

uint64_t per_kib(uint64_t instructions) { return (instructions * 1024 + kBulkBytes / 2) / kBulkBytes; }

int bench_bulk(uint32_t ip) {
    auto listener = listen_on(ip, kBulkPort, kBacklog);
    if (listener.is_error()) return fail("tcp_bulk_loopback", listener.error());
    auto pair = connect_pair(listener.value(), ip, kBulkPort);
    if (pair.is_error()) return fail("tcp_bulk_loopback", pair.error());
    Split split;
    auto intact = checked_then_measured(pair.value(), split);
    const uint32_t sockets[] = {pair.value().client, pair.value().server, listener.value()};
    for (uint32_t socket : sockets) (void)sys::inet::close(socket);
    if (intact.is_error()) return fail("tcp_bulk_loopback", intact.error());
    if (split.stalled) {
        printf("bench tcp_bulk_loopback failed: a call waited for a timer (over %llu instructions)\n",
               static_cast<unsigned long long>(kStall));
        return 1;
    }
    report("tcp_bulk_loopback", per_kib(split.in_send + split.in_recv), "instructions_per_KiB");
    report("tcp_bulk_in_send", per_kib(split.in_send), "instructions_per_KiB");
    report("tcp_bulk_in_recv", per_kib(split.in_recv), "instructions_per_KiB");
    report("tcp_bulk_checked", intact.value() ? 1 : 0, "intact");
    return intact.value() ? 0 : 1;
}

sys::Result<void> one_round(uint32_t listener, uint32_t ip) {
    const Pair pair = TRY(connect_pair(listener, ip, kRoundPort));
    TRY(sys::inet::send_all(pair.client, send_buffer, kRequestBytes));
    TRY(receive_exact(pair.server, kRequestBytes));
    TRY(sys::inet::send_all(pair.server, send_buffer, kResponseBytes));
    TRY(receive_exact(pair.client, kResponseBytes));
    TRY(sys::inet::close(pair.client));
    TRY(sys::inet::close(pair.server));
    return {};
}

int bench_rounds(uint32_t ip) {
    auto listener = listen_on(ip, kRoundPort, kBacklog);
    if (listener.is_error()) return fail("tcp_connect_request", listener.error());
    const uint64_t start = bench::read_tsc();
    for (uint32_t round = 0; round < kRounds; ++round) {
        auto done = one_round(listener.value(), ip);
        if (done.is_error()) return fail("tcp_connect_request", done.error());
    }
    const uint64_t elapsed = bench::read_tsc() - start;
    (void)sys::inet::close(listener.value());
    report("tcp_connect_request", elapsed / kRounds, "instructions");
    return 0;
}

int bench_ping(uint32_t ip) {
    const uint64_t start = bench::read_tsc();
    for (uint32_t sequence = 1; sequence <= kPings; ++sequence) {
        auto reply = sys::inet::ping(ip, static_cast<uint16_t>(sequence), kWaitMs);
        if (reply.is_error()) return fail("ping_loopback", reply.error());
    }
    report("ping_loopback", (bench::read_tsc() - start) / kPings, "instructions");
    return 0;
}

// `netbench host <port>`: the measurement with a peer on the host (host_peer.h).
bool host_port_of(int argc, char** argv, uint16_t& port) {
    if (argc != 3 || sys::str::strcmp(argv[1], "host") != 0) return false;
    uint32_t value = 0;
    for (const char* digit = argv[2]; *digit; ++digit) {
        if (*digit < '0' || *digit > '9' || value > 65535) return false;
        value = value * 10 + static_cast<uint32_t>(*digit - '0');
    }
    if (value == 0 || value > 65535) return false;
    port = static_cast<uint16_t>(value);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    uint16_t port = 0;
    if (argc > 1 && !host_port_of(argc, argv, port)) {
        printf("usage: netbench [host <port>]\n");
        return 2;
    }
    if (argc > 1) return netbench::run_host_peer(port);
    auto info = sys::inet::interface_info();
    if (info.is_error()) return fail("interface", info.error());
    if (!info.value().up) {
        printf("bench interface failed: no address configured (net.conf or DHCP)\n");
        return 1;
    }
    const uint32_t ip = info.value().ip;
    int status = bench_ping(ip);
    status |= bench_rounds(ip);
    status |= bench_bulk(ip);
    return status;
}
