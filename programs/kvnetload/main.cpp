// main.cpp — /bin/kvnetload: load on kvnet (kvd over TCP) whose answers it
// can predict: puts, gets and deletes of kKeys keys "n<pid>.<i>" from a
// local model, each answer line checked. One connection; each request is a
// line out and its answer line back.
//
// Usage: kvnetload <a.b.c.d> <port> [count] (default 2000 requests). Prints
// failures as they happen (the first few), then "kvnetload: N requests, F
// failures, longest wait W us"; exit status 0 only if F == 0, 2 on bad
// arguments or no connection. Entry point: main.
#include <sys/cstring.h>
#include <sys/format.h>
#include <sys/pm_client.h>
#include <sys/socket.h>
#include <sys/stdio.h>

#include "numbers.h"
#include "tally.h"

namespace {

constexpr uint64_t kDefaultCount = 2000;
constexpr uint32_t kKeys = 8;
constexpr size_t kMaxAnswer = 160;

struct Slot {
    bool present = false;
    uint64_t value = 0;
};

struct Run {
    uint32_t socket = 0;
    uint64_t pid = 0;
    load::Tally tally{"kvnetload"};
    Slot slots[kKeys];
    char pending[512];
    size_t pending_used = 0;
};

// One answer line (without its newline) into `answer`.
sys::Result<void> read_answer(Run& run, char (&answer)[kMaxAnswer]) {
    for (;;) {
        for (size_t i = 0; i < run.pending_used; ++i) {
            if (run.pending[i] != '\n') continue;
            const size_t length = i < kMaxAnswer - 1 ? i : kMaxAnswer - 1;
            sys::str::memcpy(answer, run.pending, length);
            answer[length] = '\0';
            sys::str::memmove(run.pending, run.pending + i + 1, run.pending_used - i - 1);
            run.pending_used -= i + 1;
            return {};
        }
        if (run.pending_used == sizeof run.pending) return neurath::Error::TooBig;
        const size_t got = TRY(sys::inet::recv(run.socket, run.pending + run.pending_used,
                                               sizeof run.pending - run.pending_used, 10'000));
        if (got == 0) return neurath::Error::ConnectionReset;
        run.pending_used += got;
    }
}

sys::Result<void> exchange(Run& run, const char* line, char (&answer)[kMaxAnswer]) {
    TRY(sys::inet::send_all(run.socket, line, sys::str::strlen(line)));
    return read_answer(run, answer);
}

void check(Run& run, const char* line, const char* expected) {
    char answer[kMaxAnswer];
    auto done = run.tally.timed([&] { return exchange(run, line, answer); });
    if (done.is_error()) run.tally.fail("%s: %s", line, neurath::error_name(done.error()));
    else if (sys::str::strcmp(answer, expected) != 0) run.tally.fail("'%s' answered '%s', expected '%s'", line, answer, expected);
}

// The request cycle: put, get, delete, get of a deleted key, in turn over the keys.
void run_request(Run& run, uint64_t n) {
    Slot& slot = run.slots[n % kKeys];
    char line[96], expected[64];
    char key[24];
    sys::format(key, sizeof key, "n%lu.%lu", run.pid, n % kKeys);
    switch ((n / kKeys) % 3) {
    case 0:
        sys::format(line, sizeof line, "put %s %lu\n", key, n);
        check(run, line, slot.present ? "replaced" : "created");
        slot = Slot{true, n};
        return;
    case 1:
        sys::format(line, sizeof line, "get %s\n", key);
        sys::format(expected, sizeof expected, "value %lu", slot.value);
        check(run, line, slot.present ? expected : "error no such file or directory");
        return;
    default:
        sys::format(line, sizeof line, "del %s\n", key);
        check(run, line, slot.present ? "deleted" : "error no such file or directory");
        slot = Slot{};
        return;
    }
}

}  // namespace

int main(int argc, char** argv) {
    auto ip = argc >= 3 ? sys::inet::parse_ipv4(argv[1]) : sys::Result<uint32_t>(neurath::Error::InvalidArgument);
    auto port = argc >= 3 ? shell::parse_unsigned(argv[2]) : sys::Result<uint64_t>(neurath::Error::InvalidArgument);
    auto count = argc == 4 ? shell::parse_unsigned(argv[3]) : sys::Result<uint64_t>(kDefaultCount);
    if (argc < 3 || argc > 4 || ip.is_error() || port.is_error() || port.value() == 0 || port.value() > 65535 ||
        count.is_error()) {
        printf("usage: kvnetload <a.b.c.d> <port> [count]\n");
        return 2;
    }
    static Run run;
    auto pid = sys::pm::getpid();
    run.pid = pid.ok() ? pid.value().pid : 0;
    auto socket = sys::inet::socket(sys::inet::SocketKind::Stream);
    auto connected = socket.is_error() ? sys::Result<void>(socket.error())
                                       : sys::inet::connect(socket.value(), {ip.value(), static_cast<uint16_t>(port.value()), 0}, 10'000);
    if (connected.is_error()) {
        printf("kvnetload: connect: %s\n", neurath::error_name(connected.error()));
        return 2;
    }
    run.socket = socket.value();
    for (uint64_t n = 0; n < count.value(); ++n) run_request(run, n);
    // Leave no keys behind that a later run could mistake for its own.
    for (uint32_t i = 0; i < kKeys; ++i)
        if (run.slots[i].present) run_request(run, i + 2 * kKeys);
    (void)sys::inet::close(run.socket);
    run.tally.print_summary();
    return run.tally.exit_status();
}
