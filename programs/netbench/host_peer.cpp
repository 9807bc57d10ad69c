// host_peer.cpp — bulk TCP with a peer on the host (see host_peer.h). The
// guest waits for the host here, and under -icount (sleep=off) the clock
// jumps over that idle time by an amount that depends on the host, so time
// says nothing. What is measured instead is the work: the TSC less the cycles
// the CPU spent halted with nothing to run (Sys::IdleCycles), i.e. the
// instructions netbench, inet, netdrv and the kernel ran, IRQs taken while
// idle excepted. Per KiB of each direction:
//   tcp_host_recv     the host sends, the guest receives (netdrv's receive
//                     ring, lwIP's input, ACKs, Recv's copies out)
//   tcp_host_send     the guest sends, the host receives
//   tcp_host_checked  1 when the first kHostCheckedBytes of the host's stream
//                     were the pattern, byte for byte (the host checks all of
//                     the guest's: the pattern, then its next chunk repeated)
// The measured parts are neither compared nor produced byte by byte, so that
// the figures are the stack's work and not the program's.
//
// Entry point: run_host_peer.
#include "host_peer.h"

#include <sys/kcall.h>
#include <sys/socket.h>
#include <sys/stdio.h>

#include "bench_output.h"
#include "cycle_counter.h"

namespace netbench {
namespace {

constexpr uint32_t kAcceptWaitMs = 60'000;  // the host connects once it saw the line below
constexpr uint32_t kWaitMs = 10'000;        // a bound, never reached when all is well

uint8_t buffer[kChunk];

uint64_t busy_cycles() { return bench::read_tsc() - sys::idle_cycles(); }

uint64_t per_kib(uint64_t cycles) { return (cycles * 1024 + kHostMeasuredBytes / 2) / kHostMeasuredBytes; }

// Receives `bytes`; with `check`, compares them with the pattern from `offset`.
sys::Result<bool> receive(uint32_t socket, uint64_t offset, uint64_t bytes, bool check) {
    bool intact = true;
    for (uint64_t done = 0; done < bytes;) {
        const uint64_t wanted = bytes - done < sizeof buffer ? bytes - done : sizeof buffer;
        const size_t got = TRY(sys::inet::recv(socket, buffer, wanted, kWaitMs));
        if (got == 0) return neurath::Error::BadMessage;  // the host closed early
        for (size_t i = 0; check && i < got; ++i) intact &= buffer[i] == pattern_byte(offset + done + i);
        done += got;
    }
    return intact;
}

// Sends `bytes` a chunk at a time: with `each_chunk`, the pattern from
// `offset` through the whole stream; without, the buffer as it is, over and
// over (the measured part: nothing is done per byte outside the calls).
sys::Result<void> send(uint32_t socket, uint64_t offset, uint64_t bytes, bool each_chunk) {
    for (uint64_t done = 0; done < bytes;) {
        const size_t length = bytes - done < sizeof buffer ? bytes - done : sizeof buffer;
        for (size_t i = 0; each_chunk && i < length; ++i) buffer[i] = pattern_byte(offset + done + i);
        TRY(sys::inet::send_all(socket, buffer, length));
        done += length;
    }
    return {};
}

struct Figures {
    uint64_t receive_cycles = 0, send_cycles = 0;
    bool intact = false;
};

sys::Result<Figures> exchange(uint32_t connection) {
    Figures figures;
    figures.intact = TRY(receive(connection, 0, kHostCheckedBytes, true));
    uint64_t start = busy_cycles();
    TRY(receive(connection, kHostCheckedBytes, kHostMeasuredBytes, false));
    figures.receive_cycles = busy_cycles() - start;
    TRY(send(connection, 0, kHostCheckedBytes, true));
    for (size_t i = 0; i < sizeof buffer; ++i) buffer[i] = pattern_byte(kHostCheckedBytes + i);
    start = busy_cycles();
    TRY(send(connection, kHostCheckedBytes, kHostMeasuredBytes, false));  // that chunk, repeated
    // Until the host has it all and closes: what was still queued in lwIP
    // when the last Send returned is part of the sending work too.
    TRY(sys::inet::shutdown(connection, protocol::inet::ShutdownHow::Write));
    if (TRY(sys::inet::recv(connection, buffer, sizeof buffer, kWaitMs)) != 0) return neurath::Error::BadMessage;
    figures.send_cycles = busy_cycles() - start;
    return figures;
}

sys::Result<uint32_t> accept_host(uint16_t port) {
    const uint32_t listener = TRY(listen_on(0, port, 1));
    printf("netbench: waiting for the host on port %u\n", port);
    auto accepted = sys::inet::accept(listener, kAcceptWaitMs);
    (void)sys::inet::close(listener);
    if (accepted.is_error()) return accepted.error();
    return accepted.value().socket;
}

}  // namespace

int run_host_peer(uint16_t port) {
    auto connection = accept_host(port);
    if (connection.is_error()) return fail("tcp_host", connection.error());
    auto figures = exchange(connection.value());
    (void)sys::inet::close(connection.value());
    if (figures.is_error()) return fail("tcp_host", figures.error());
    report("tcp_host_recv", per_kib(figures.value().receive_cycles), "instructions_per_KiB");
    report("tcp_host_send", per_kib(figures.value().send_cycles), "instructions_per_KiB");
    report("tcp_host_checked", figures.value().intact ? 1 : 0, "intact");
    return figures.value().intact ? 0 : 1;
}

}  // namespace netbench
