// main.cpp — /bin/stallfuzz: a client that sends requests to every server
// and notifies them, and never takes a single answer; then it checks that
// each server still answers promptly.
//
// Entry point: main. stallfuzz [messages-per-server] [seed] [hold] (defaults
// 200 and 1). Each message, with a plain Send (or Notify) and no receive
// afterwards, is one of: a notification with a random tag, a ping, a request
// of the server's own protocol with a random payload, a random type, or a
// well-formed request the server answers with success (real_requests.h);
// pm also gets a wait for a child whose answer comes later (deferred). Each
// server's answers must find stallfuzz not waiting and be dropped, never
// hold the server. Then every server must answer a ping within kPromptNs.
// With `hold`, stallfuzz then waits for the kernel only (it still takes no
// answer from anyone) until it is killed, so that others can check the
// servers meanwhile. An optional target (netdrv or inet, only on a machine with a
// NIC) that does not answer a first ping is skipped and not counted. Exit
// status 0 when every server answered promptly.
#include <protocol/common.h>
#include <sys/call.h>
#include <sys/cstring.h>
#include <sys/kcall.h>
#include <sys/stdio.h>

#include "arguments.h"
#include "prng.h"
#include "real_requests.h"
#include "targets.h"

namespace {

using fuzz::Prng;
using fuzz::Target;
using neurath::Message;

constexpr uint32_t kDefaultCount = 200;
constexpr uint64_t kDefaultSeed = 1;
constexpr uint32_t kShapes = 5;
constexpr uint64_t kPromptNs = 1'000'000'000;  // a ping must come back within 1 s of guest time

struct Tally {
    uint32_t sent = 0;
    uint32_t notified = 0;
    uint32_t refused = 0;  // by the kernel (e.g. a tag or type it rejects)
};

int32_t protocol_type(const Target& target, Prng& prng) {
    for (;;) {
        const int32_t type = target.first_type + static_cast<int32_t>(prng.below(target.request_count));
        if (!fuzz::is_excluded(target, type)) return type;
    }
}

// Sends (or notifies) one message of the given shape and does not wait for
// any answer.
sys::Result<void> send_one(const Target& target, uint32_t shape, Prng& prng, const stallfuzz::RealRequests& real) {
    if (shape == 0) return sys::notify(target.endpoint, static_cast<uint32_t>(prng.below(64)));
    Message message{};
    prng.fill(message.payload, sizeof message.payload);
    switch (shape) {
    case 1: message.type = protocol::common::kPing; break;
    case 2: message.type = protocol_type(target, prng); break;
    case 3: message.type = static_cast<int32_t>(prng.next()); break;
    default: message = real.make(); break;
    }
    return sys::send(target.endpoint, message);
}

Tally attack(const Target& target, uint32_t count, Prng& prng) {
    Tally tally;
    const sys::Result<stallfuzz::RealRequests> real = stallfuzz::RealRequests::create(target);
    if (real.is_error()) {
        printf("stallfuzz: %s: cannot grant its request's buffer: %s\n", target.name,
               neurath::error_name(real.error()));
        return tally;
    }
    if (target.endpoint == neurath::kPm) {
        ++tally.sent;
        if (stallfuzz::start_deferred_wait().is_error()) ++tally.refused;
    }
    for (uint32_t i = 0; i < count; ++i) {
        const uint32_t shape = static_cast<uint32_t>(prng.below(kShapes));
        (shape == 0 ? tally.notified : tally.sent)++;
        if (send_one(target, shape, prng, real.value()).is_error()) ++tally.refused;
    }
    return tally;
}

// The time a ping takes, or the error that ended it.
sys::Result<uint64_t> ping_time(const Target& target) {
    const uint64_t started = sys::uptime_ns();
    TRY(sys::call_status(target.endpoint, protocol::common::kPing, protocol::common::Empty{}));
    return sys::uptime_ns() - started;
}

bool check_answers(const Target& target, const Tally& tally) {
    const sys::Result<uint64_t> took = ping_time(target);
    const bool prompt = took.ok() && took.value() <= kPromptNs;
    printf("stallfuzz: %-4s %u requests and %u notifications never received (%u refused by the kernel), ", target.name,
           tally.sent, tally.notified, tally.refused);
    if (took.is_error()) {
        printf("ping failed: %s\n", neurath::error_name(took.error()));
    } else {
        printf("%s in %llu us\n", prompt ? "answers" : "ANSWERS TOO LATE",
               static_cast<unsigned long long>(took.value() / 1000));
    }
    return prompt;
}

// Waits for the kernel alone, so every answer a server might still send
// finds this process not waiting for it; ends only when killed.
[[noreturn]] void hold() {
    printf("stallfuzz: holding, taking no answers, until killed\n");
    for (;;) {
        Message message;
        (void)sys::receive(neurath::kKernel, message);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const uint32_t count = static_cast<uint32_t>(fuzz::parse_number(argc > 1 ? argv[1] : nullptr, kDefaultCount));
    const uint64_t seed = fuzz::parse_number(argc > 2 ? argv[2] : nullptr, kDefaultSeed);
    const bool holding = argc > 3 && sys::str::strcmp(argv[3], "hold") == 0;
    Prng prng(seed);
    constexpr size_t kTargetCount = sizeof fuzz::kTargets / sizeof fuzz::kTargets[0];
    Tally tallies[kTargetCount];
    bool present[kTargetCount];
    uint32_t servers = 0;
    for (size_t i = 0; i < kTargetCount; ++i) {
        const Target& target = fuzz::kTargets[i];
        present[i] = !target.optional || ping_time(target).ok();  // netdrv runs only on a machine with a NIC
        if (!present[i]) printf("stallfuzz: %s is not running here, skipped\n", target.name);
        if (present[i]) tallies[i] = attack(target, count, prng);
        servers += present[i] ? 1 : 0;
    }
    uint32_t prompt = 0;
    for (size_t i = 0; i < kTargetCount; ++i)
        if (present[i]) prompt += check_answers(fuzz::kTargets[i], tallies[i]) ? 1 : 0;
    printf("stallfuzz summary: seed %llu, %u/%u servers answer promptly\n", static_cast<unsigned long long>(seed),
           prompt, servers);
    if (holding) hold();
    return prompt == servers ? 0 : 1;
}
