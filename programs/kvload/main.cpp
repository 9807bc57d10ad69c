// main.cpp — /bin/kvload: hammers kvd with puts, gets, deletes, counts and
// (on kvd v2) stats whose answers it can predict, and checks every one.
//
// Entry point: main. kvload [count] (default 20000 requests). Keys are
// "kvload.<pid>.<n>" for kKeys values of n, so several kvloads can share one
// kvd; values are 32-bit (what every kvd version keeps). A local model of
// the keys says what each answer must be. Prints failures as they happen
// (the first few), then one line: "kvload: N requests, F failures, longest
// wait W us"; exit status 0 only if F == 0 (2 for a bad argument). The keys
// are left in kvd (at most kKeys records), so an update has state to move.
#include <sys/format.h>
#include <sys/pm_client.h>
#include <sys/stdio.h>

#include "kv_client.h"
#include "numbers.h"
#include "tally.h"

namespace {

using neurath::Error;
using neurath::error_name;

constexpr uint64_t kDefaultCount = 20000;
constexpr uint32_t kKeys = 16;
constexpr uint64_t kFindWaitNs = 2000000000;  // how long kvd may take to register
constexpr uint32_t kOperations = 8;           // the cycle in run_request

struct Slot {
    char key[protocol::kv::kMaxKey];
    bool present = false;
    uint64_t value = 0;
    uint64_t writes = 0;  // puts since the key was created
};

struct Run {
    neurath::Endpoint kvd;
    uint64_t pid;
    load::Tally tally{"kvload"};
    Slot slots[kKeys] = {};
    uint64_t present = 0;
};

uint64_t value_for(const Run& run, uint64_t request) {
    return (run.pid * 2654435761u + request * 40503u) & 0xffffffffu;
}

const char* answer_name(Error error) {
    if (error == Error::None) return "ok";
    if (error == Error::NotFound) return "not found";
    return error_name(error);
}

void check_error(Run& run, uint64_t request, const char* what, const Slot& slot, Error got, Error expected) {
    if (got != expected)
        run.tally.fail("request %llu: %s %s: %s, expected %s", static_cast<unsigned long long>(request), what, slot.key,
                       answer_name(got), answer_name(expected));
}

void do_put(Run& run, uint64_t request, Slot& slot) {
    const uint64_t value = value_for(run, request);
    const sys::Result<bool> created = run.tally.timed([&] { return kv::put(run.kvd, slot.key, value); });
    if (created.is_error()) return check_error(run, request, "put", slot, created.error(), Error::None);
    if (created.value() == slot.present)
        run.tally.fail("request %llu: put %s: created=%d, expected %d", static_cast<unsigned long long>(request),
                       slot.key, created.value(), !slot.present);
    if (!slot.present) ++run.present;
    slot.writes = slot.present ? slot.writes + 1 : 1;
    slot.present = true;
    slot.value = value;
}

void do_get(Run& run, uint64_t request, const Slot& slot) {
    const sys::Result<uint64_t> got = run.tally.timed([&] { return kv::get(run.kvd, slot.key); });
    if (got.is_error() || !slot.present)
        return check_error(run, request, "get", slot, got.error(), slot.present ? Error::None : Error::NotFound);
    if (got.value() != slot.value)
        run.tally.fail("request %llu: get %s: %llu, expected %llu", static_cast<unsigned long long>(request), slot.key,
                       static_cast<unsigned long long>(got.value()), static_cast<unsigned long long>(slot.value));
}

void do_delete(Run& run, uint64_t request, Slot& slot) {
    const sys::Result<void> removed = run.tally.timed([&] { return kv::remove(run.kvd, slot.key); });
    check_error(run, request, "delete", slot, removed.error(), slot.present ? Error::None : Error::NotFound);
    if (slot.present) --run.present;
    slot.present = false;
}

// Other clients may hold records too: kvd holds at least ours.
void do_count(Run& run, uint64_t request) {
    const sys::Result<uint64_t> records = run.tally.timed([&] { return kv::count(run.kvd); });
    if (records.is_error())
        return run.tally.fail("request %llu: count: %s", static_cast<unsigned long long>(request),
                              error_name(records.error()));
    if (records.value() < run.present)
        run.tally.fail("request %llu: count: %llu records, but this run alone holds %llu",
                       static_cast<unsigned long long>(request), static_cast<unsigned long long>(records.value()),
                       static_cast<unsigned long long>(run.present));
}

// kvd v1 does not know kStats (BadMessage); v2 counts writes since creation
// or since it took over by live update, so at most ours.
void do_stats(Run& run, uint64_t request, const Slot& slot) {
    const sys::Result<kv::StatsReply> stats = run.tally.timed([&] { return kv::stats(run.kvd, slot.key); });
    if (stats.is_error() && stats.error() == Error::BadMessage) return;
    if (stats.is_error() || !slot.present)
        return check_error(run, request, "stats", slot, stats.error(), slot.present ? Error::None : Error::NotFound);
    if (stats.value().value != slot.value || stats.value().writes > slot.writes)
        run.tally.fail("request %llu: stats %s: value %llu after %llu writes, expected %llu after at most %llu",
                       static_cast<unsigned long long>(request), slot.key,
                       static_cast<unsigned long long>(stats.value().value),
                       static_cast<unsigned long long>(stats.value().writes),
                       static_cast<unsigned long long>(slot.value), static_cast<unsigned long long>(slot.writes));
}

// Request `request`: an operation from a fixed cycle on a key that moves
// with both the cycle and the round, so every key meets every operation.
void run_request(Run& run, uint64_t request) {
    const uint64_t step = request % kOperations;
    Slot& slot = run.slots[(request / kOperations * 7 + step * 3) % kKeys];
    switch (step) {
    case 0:
    case 2: return do_put(run, request, slot);
    case 1:
    case 4:
    case 6: return do_get(run, request, slot);
    case 3: return do_stats(run, request, slot);
    case 5: return do_delete(run, request, slot);
    default: return do_count(run, request);
    }
}

sys::Result<uint64_t> parse_count(int argc, char** argv) {
    if (argc == 1) return kDefaultCount;
    if (argc > 2) return Error::InvalidArgument;
    return shell::parse_unsigned(argv[1]);
}

}  // namespace

int main(int argc, char** argv) {
    const sys::Result<uint64_t> count = parse_count(argc, argv);
    if (count.is_error()) {
        printf("usage: kvload [count]   (count: requests to send, default %llu)\n",
               static_cast<unsigned long long>(kDefaultCount));
        return 2;
    }
    const sys::Result<neurath::Endpoint> kvd = kv::find(kFindWaitNs);
    if (kvd.is_error()) {
        printf("kvload: no kvd to talk to (\"%s\" in ds: %s); start one with: kvd &\n", protocol::kv::kServiceName,
               error_name(kvd.error()));
        return 1;
    }
    const sys::Result<sys::pm::GetPidReply> self = sys::pm::getpid();
    if (self.is_error()) {
        printf("kvload: asking pm for my pid (to name my keys): %s\n", error_name(self.error()));
        return 1;
    }
    Run run{kvd.value(), self.value().pid};
    for (uint32_t i = 0; i < kKeys; ++i)
        sys::format(run.slots[i].key, sizeof run.slots[i].key, "kvload.%llu.%u",
                    static_cast<unsigned long long>(run.pid), i);
    for (uint64_t request = 0; request < count.value(); ++request) run_request(run, request);
    run.tally.print_summary();
    return run.tally.exit_status();
}
