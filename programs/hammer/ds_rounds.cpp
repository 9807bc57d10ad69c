// ds_rounds.cpp — hammer ds: publish, lookup and delete of hammer's own
// keys ("hammer.<pid>.<n>", kKeys of them, few enough for ds's table); each
// value names its round, so a stale or mixed-up value is caught. A round
// publishes one key, reads it and its neighbour back, and every third round
// deletes it and checks it is gone.
//
// Entry point: hammer_ds.
#include <protocol/ds.h>
#include <sys/cstring.h>
#include <sys/ds_client.h>
#include <sys/format.h>

#include "rounds.h"

namespace hammer {
namespace {

namespace str = sys::str;
using neurath::Error;
using neurath::error_name;

constexpr uint32_t kKeys = 4;
constexpr size_t kValueText = 48;

struct DsRun {
    load::Tally& tally;
    char keys[kKeys][protocol::ds::kMaxKey] = {};
    char values[kKeys][kValueText] = {};  // what ds must hold; "" when absent
};

void publish_checked(DsRun& run, uint32_t key, const char* value) {
    const size_t length = str::strlen(value);
    const sys::Result<void> done = run.tally.timed([&] { return sys::ds::publish(run.keys[key], value, length); });
    if (done.is_error()) return run.tally.fail("publish %s: %s", run.keys[key], error_name(done.error()));
    str::strlcpy(run.values[key], value, kValueText);
}

void lookup_checked(DsRun& run, uint32_t key) {
    char got[kValueText + 1] = {};
    const sys::Result<size_t> length = run.tally.timed([&] { return sys::ds::lookup(run.keys[key], got, kValueText); });
    const char* expected = run.values[key];
    if (expected[0] == '\0') {
        if (length.ok() || length.error() != Error::NotFound)
            run.tally.fail("lookup %s: %s, expected not found", run.keys[key],
                           length.ok() ? "found" : error_name(length.error()));
        return;
    }
    if (length.is_error()) return run.tally.fail("lookup %s: %s", run.keys[key], error_name(length.error()));
    if (length.value() != str::strlen(expected) || str::memcmp(got, expected, length.value()) != 0)
        run.tally.fail("lookup %s: '%.*s', expected '%s'", run.keys[key], static_cast<int>(kValueText), got, expected);
}

void remove_checked(DsRun& run, uint32_t key) {
    const sys::Result<void> done = run.tally.timed([&] { return sys::ds::remove(run.keys[key]); });
    if (done.is_error()) return run.tally.fail("delete %s: %s", run.keys[key], error_name(done.error()));
    run.values[key][0] = '\0';
}

void run_round(DsRun& run, uint64_t round, const Self& self) {
    const uint32_t key = static_cast<uint32_t>(round % kKeys);
    char value[kValueText];
    sys::format(value, sizeof value, "round %llu of hammer %llu", static_cast<unsigned long long>(round),
                static_cast<unsigned long long>(self.pid));
    publish_checked(run, key, value);
    lookup_checked(run, key);
    lookup_checked(run, (key + 1) % kKeys);
    if (round % 3 != 2) return;
    remove_checked(run, key);
    lookup_checked(run, key);
}

}  // namespace

void hammer_ds(load::Tally& tally, uint64_t count, const Self& self) {
    DsRun run{tally};
    for (uint32_t key = 0; key < kKeys; ++key)
        sys::format(run.keys[key], sizeof run.keys[key], "hammer.%llu.%u",
                    static_cast<unsigned long long>(self.pid), key);
    for (uint64_t round = 0; tally.requests() < count; ++round) run_round(run, round, self);
    for (uint32_t key = 0; key < kKeys; ++key) {
        if (run.values[key][0] != '\0') remove_checked(run, key);
    }
}

}  // namespace hammer
