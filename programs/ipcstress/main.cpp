// main.cpp — /bin/ipcstress: stresses IPC and process management and
// verifies every answer.
//
// Entry point: main. ipcstress [round-trips] (default 20000). Phases:
//  1. spawn kEchoWorkers echo partners (/bin/benchpeer) and do the round
//     trips spread over them, each with a distinct payload whose echo is
//     checked word by word;
//  2. spawn kPingWorkers partners that each ping vfs, pm, ds and tty
//     concurrently, and wait for all of them (each exits 0 only if every
//     ping was answered);
//  3. spawn and wait kChurn short-lived processes back to back.
// Prints one line per phase and a summary; exit status 0 if all checks held.
#include <neurath/endpoint.h>
#include <sys/call.h>
#include <sys/kcall.h>
#include <sys/pm_client.h>
#include <sys/stdio.h>

#include "echo_protocol.h"

namespace {

using neurath::error_name;

constexpr uint32_t kDefaultRoundTrips = 20000;
constexpr uint32_t kEchoWorkers = 4;
constexpr uint32_t kPingWorkers = 4;
constexpr const char* kPingRounds = "200";
constexpr uint32_t kChurn = 16;
constexpr const char* kPeer = "/bin/benchpeer";

struct Results {
    uint32_t failures = 0;
};

sys::Result<neurath::Endpoint> spawn_peer(const char* mode, const char* argument) {
    const char* argv[] = {kPeer, mode, argument};
    const sys::pm::SpawnReply child = TRY(sys::pm::spawn(kPeer, argument ? 3 : 2, argv));
    return child.endpoint;
}

// One verified round trip; the payload depends on the round number.
sys::Result<void> round_trip(neurath::Endpoint peer, uint32_t round) {
    echo::EchoPayload payload;
    for (uint32_t w = 0; w < echo::kWords; ++w) payload.words[w] = (uint64_t{round} << 8) ^ (w * 0x9e3779b97f4a7c15ull);
    neurath::Message message = sys::make_message(echo::kEcho, payload);
    TRY(sys::sendrec(peer, message));
    if (message.type != protocol::kReplyOk) return neurath::Error::BadMessage;
    const echo::EchoPayload expected = echo::expected_echo(payload);
    const auto& got = neurath::payload_of<echo::EchoPayload>(message);
    for (uint32_t w = 0; w < echo::kWords; ++w) {
        if (got.words[w] != expected.words[w]) return neurath::Error::BadMessage;
    }
    return {};
}

void phase_echo(uint32_t round_trips, Results& results) {
    neurath::Endpoint peers[kEchoWorkers];
    uint32_t started = 0;
    for (; started < kEchoWorkers; ++started) {
        const sys::Result<neurath::Endpoint> peer = spawn_peer("echo", nullptr);
        if (peer.is_error()) {
            printf("ipcstress: spawn echo worker: %s\n", error_name(peer.error()));
            ++results.failures;
            break;
        }
        peers[started] = peer.value();
    }
    uint32_t mismatches = 0;
    uint32_t errors = 0;
    neurath::Error first_error = neurath::Error::None;
    for (uint32_t round = 0; started > 0 && round < round_trips; ++round) {
        const sys::Result<void> done = round_trip(peers[round % started], round);
        if (done.ok()) continue;
        (done.error() == neurath::Error::BadMessage ? mismatches : errors)++;
        if (first_error == neurath::Error::None) first_error = done.error();
    }
    if (first_error != neurath::Error::None) printf("ipcstress: first echo error: %s\n", error_name(first_error));
    for (uint32_t i = 0; i < started; ++i) {
        neurath::Message quit = sys::make_message(echo::kQuit, echo::EchoPayload{});
        if (sys::sendrec(peers[i], quit).is_error()) (void)sys::pm::kill(peers[i], 1);  // never wait on a live peer
        (void)sys::pm::wait(peers[i]);
    }
    results.failures += mismatches + errors;
    printf("ipcstress: echo %u round trips over %u workers, %u mismatches, %u errors\n",
           started > 0 ? round_trips : 0, started, mismatches, errors);
}

void phase_concurrent_pings(Results& results) {
    neurath::Endpoint workers[kPingWorkers];
    uint32_t started = 0;
    for (; started < kPingWorkers; ++started) {
        const sys::Result<neurath::Endpoint> worker = spawn_peer("ping", kPingRounds);
        if (worker.is_error()) break;
        workers[started] = worker.value();
    }
    uint32_t clean = 0;
    for (uint32_t i = 0; i < started; ++i) {
        const sys::Result<sys::pm::WaitReply> ended = sys::pm::wait(workers[i]);
        if (ended.ok() && ended.value().kind == protocol::pm::ExitKind::Exited && ended.value().status == 0) ++clean;
    }
    results.failures += (kPingWorkers - clean);
    printf("ipcstress: %u concurrent ping workers x %s rounds, %u clean exits\n", started, kPingRounds, clean);
}

void phase_churn(Results& results) {
    uint32_t clean = 0;
    for (uint32_t i = 0; i < kChurn; ++i) {
        const sys::Result<neurath::Endpoint> child = spawn_peer("exit", nullptr);
        if (child.is_error()) continue;
        const sys::Result<sys::pm::WaitReply> ended = sys::pm::wait(child.value());
        if (ended.ok() && ended.value().kind == protocol::pm::ExitKind::Exited && ended.value().status == 0) ++clean;
    }
    results.failures += kChurn - clean;
    printf("ipcstress: %u spawn+wait cycles, %u clean exits\n", kChurn, clean);
}

uint32_t parse_count(const char* text, uint32_t fallback) {
    if (text == nullptr || *text < '0' || *text > '9') return fallback;
    uint32_t value = 0;
    for (; *text >= '0' && *text <= '9' && value < 10000000; ++text) value = value * 10 + (*text - '0');
    return value;
}

}  // namespace

int main(int argc, char** argv) {
    const uint32_t round_trips = parse_count(argc > 1 ? argv[1] : nullptr, kDefaultRoundTrips);
    Results results;
    phase_echo(round_trips, results);
    phase_concurrent_pings(results);
    phase_churn(results);
    printf("ipcstress summary: %s (%u failures)\n", results.failures == 0 ? "ok" : "FAILED", results.failures);
    return results.failures == 0 ? 0 : 1;
}
