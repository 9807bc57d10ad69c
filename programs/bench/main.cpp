// main.cpp — /bin/bench: micro-benchmarks of the costs that matter to a
// microkernel, in guest instructions (run QEMU with -icount shift=0).
//
// Entry point: main. Prints one line per figure, always in the form
//   bench <name> <value> <unit>
// Figures: calibration (TSC ticks for a loop of known length, checks the
// instruction-counting assumption), null_syscall (SelfInfo), ipc_roundtrip
// (SendReceive to /bin/benchpeer and back), spawn (pm spawn + wait of
// `benchpeer exit`), file_read_4k (a 4 KiB read through vfs), and vfs_ping
// (a null request to a server), boot_to_prompt (guest time of the shell's
// first prompt, published by sh in ds). Averages over many runs. Names match
// tools/bench_report.py.
#include <neurath/endpoint.h>
#include <protocol/common.h>
#include <protocol/vfs.h>
#include <sys/call.h>
#include <sys/ds_client.h>
#include <sys/kcall.h>
#include <sys/pm_client.h>
#include <sys/stdio.h>
#include <sys/vfs_client.h>

#include "cycle_counter.h"
#include "echo_protocol.h"

namespace {

using neurath::error_name;

constexpr uint64_t kCalibrationIterations = 1000000;
constexpr uint32_t kKernelCallRuns = 20000;
constexpr uint32_t kIpcRuns = 10000;
constexpr uint32_t kSpawnRuns = 20;
constexpr uint32_t kReadRuns = 1000;
constexpr uint32_t kPingRuns = 5000;
constexpr uint64_t kFileBytes = 4096;
constexpr const char* kPeer = "/bin/benchpeer";
constexpr const char* kScratchFile = "/bench.dat";

void report(const char* name, uint64_t total, uint32_t runs, const char* unit) {
    printf("bench %s %llu %s\n", name, static_cast<unsigned long long>(total / runs), unit);
}

void fail(const char* name, neurath::Error error) {
    printf("bench %s failed: %s\n", name, error_name(error));
}

// The least of three runs: a timer interrupt (every 4 M guest instructions
// at 250 Hz) adds its handler's instructions to the run it lands in, and
// whether one does depends only on how long everything before took. Three
// back-to-back runs of 2 M instructions cannot all contain one.
void bench_calibration() {
    uint64_t ticks = ~uint64_t{0};
    for (int run = 0; run < 3; ++run) {
        const uint64_t start = bench::read_tsc();
        bench::calibration_loop(kCalibrationIterations);
        const uint64_t elapsed = bench::read_tsc() - start;
        if (elapsed < ticks) ticks = elapsed;
    }
    printf("bench calibration %llu ticks_per_%llu_instructions\n", static_cast<unsigned long long>(ticks),
           static_cast<unsigned long long>(2 * kCalibrationIterations));
}

void bench_kernel_call() {
    const uint64_t start = bench::read_tsc();
    for (uint32_t i = 0; i < kKernelCallRuns; ++i) (void)sys::self_endpoint();
    report("null_syscall", bench::read_tsc() - start, kKernelCallRuns, "instructions");
}

// The message is built once: the loop measures the round trip, not
// message construction.
sys::Result<void> measure_ipc(neurath::Endpoint peer) {
    neurath::Message message = sys::make_message(echo::kEcho, echo::EchoPayload{});
    auto& payload = neurath::payload_of<echo::EchoPayload>(message);
    const uint64_t start = bench::read_tsc();
    for (uint32_t i = 0; i < kIpcRuns; ++i) {
        message.type = echo::kEcho;
        payload.words[0] = i;
        TRY(sys::sendrec(peer, message));
        if (payload.words[0] != i + 1u) return neurath::Error::BadMessage;
    }
    report("ipc_roundtrip", bench::read_tsc() - start, kIpcRuns, "instructions");
    return {};
}

void bench_ipc() {
    const char* argv[] = {kPeer, "echo"};
    const sys::Result<sys::pm::SpawnReply> peer = sys::pm::spawn(kPeer, 2, argv);
    if (peer.is_error()) return fail("ipc_roundtrip", peer.error());
    const sys::Result<void> measured = measure_ipc(peer.value().endpoint);
    if (measured.is_error()) fail("ipc_roundtrip", measured.error());
    neurath::Message quit = sys::make_message(echo::kQuit, echo::EchoPayload{});
    if (sys::sendrec(peer.value().endpoint, quit).is_error()) (void)sys::pm::kill(peer.value().endpoint, 1);
    (void)sys::pm::wait(peer.value().endpoint);
}

void bench_spawn() {
    const char* argv[] = {kPeer, "exit"};
    const uint64_t start = bench::read_tsc();
    for (uint32_t i = 0; i < kSpawnRuns; ++i) {
        const sys::Result<sys::pm::SpawnReply> child = sys::pm::spawn(kPeer, 2, argv);
        if (child.is_error()) return fail("spawn", child.error());
        const sys::Result<sys::pm::WaitReply> ended = sys::pm::wait(child.value().endpoint);
        if (ended.is_error()) return fail("spawn", ended.error());
    }
    report("spawn", bench::read_tsc() - start, kSpawnRuns, "instructions");
}

sys::Result<void> measure_read(int fd) {
    static uint8_t buffer[kFileBytes];
    for (uint64_t i = 0; i < kFileBytes; ++i) buffer[i] = static_cast<uint8_t>(i * 7);
    const size_t written = TRY(sys::vfs::write(fd, buffer, kFileBytes));
    if (written != kFileBytes) return neurath::Error::NoSpace;
    uint64_t total = 0;
    for (uint32_t i = 0; i < kReadRuns; ++i) {
        TRY(sys::vfs::seek(fd, 0, protocol::vfs::Whence::Set));
        const uint64_t start = bench::read_tsc();
        const size_t got = TRY(sys::vfs::read(fd, buffer, kFileBytes));
        total += bench::read_tsc() - start;
        if (got != kFileBytes || buffer[100] != static_cast<uint8_t>(700)) return neurath::Error::BadMessage;
    }
    report("file_read_4k", total, kReadRuns, "instructions");
    return {};
}

void bench_file_read() {
    namespace pv = protocol::vfs;
    const sys::Result<int> fd = sys::vfs::open(kScratchFile, pv::kOpenRead | pv::kOpenWrite | pv::kOpenCreate | pv::kOpenTruncate);
    if (fd.is_error()) return fail("file_read_4k", fd.error());
    const sys::Result<void> measured = measure_read(fd.value());
    if (measured.is_error()) fail("file_read_4k", measured.error());
    (void)sys::vfs::close(fd.value());
    (void)sys::vfs::unlink(kScratchFile);
}

void bench_server_ping() {
    const uint64_t start = bench::read_tsc();
    for (uint32_t i = 0; i < kPingRuns; ++i) {
        const sys::Result<void> pinged = sys::call_status(neurath::kVfs, protocol::common::kPing, protocol::common::Empty{});
        if (pinged.is_error()) return fail("vfs_ping", pinged.error());
    }
    report("vfs_ping", bench::read_tsc() - start, kPingRuns, "instructions");
}

// The shell publishes the guest time of its first prompt in ds; under
// -icount shift=0 that time in ns is the instruction count of the boot.
void report_boot_to_prompt() {
    char text[24] = {};
    const sys::Result<size_t> length = sys::ds::lookup("sh.first_prompt_ns", text, sizeof text - 1);
    if (length.is_error()) return fail("boot_to_prompt", length.error());
    uint64_t ns = 0;
    for (const char* digit = text; *digit >= '0' && *digit <= '9'; ++digit) ns = ns * 10 + (*digit - '0');
    printf("bench boot_to_prompt %llu instructions\n", static_cast<unsigned long long>(ns));
}

}  // namespace

int main(int argc, char** argv) {
    const uint64_t uptime_start = sys::uptime_ns();
    const uint64_t tsc_start = bench::read_tsc();
    bench_calibration();
    bench_kernel_call();
    bench_ipc();
    bench_spawn();
    bench_file_read();
    bench_server_ping();
    report_boot_to_prompt();
    const uint64_t uptime_ns = sys::uptime_ns() - uptime_start;
    const uint64_t tsc_ticks = bench::read_tsc() - tsc_start;
    printf("bench total_uptime %llu ns\n", static_cast<unsigned long long>(uptime_ns));
    printf("bench total_tsc %llu ticks\n", static_cast<unsigned long long>(tsc_ticks));
    return 0;
}
