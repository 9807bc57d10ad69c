// main.cpp — /bin/msgfuzz: sends malformed messages to every system server,
// then checks that each one still answers, and prints a summary line.
//
// Entry point: main. msgfuzz [messages-per-server] [seed] (defaults 400 and
// 1). Each message is one of: an unknown type in the server's range, a
// random type, a valid type with random payload, a valid type whose grant
// fields hold random ids and huge lengths, a valid type with a real 8-byte
// grant claiming to be 1 TiB long, vfs descriptor calls with huge offsets,
// a kernel-message type sent by a user, a crash-injection request from a
// non-rs sender, or (vfs) a read-only open/stat of a random path of up to
// 300 bytes. Exit status 0 when every server answers afterwards.
#include <protocol/common.h>
#include <protocol/vfs.h>
#include <sys/call.h>
#include <sys/cstring.h>
#include <sys/grant.h>
#include <sys/kcall.h>
#include <sys/stdio.h>

#include "arguments.h"
#include "prng.h"
#include "targets.h"

namespace {

using fuzz::Prng;
using fuzz::Target;
using neurath::Message;

constexpr uint32_t kDefaultCount = 400;
constexpr uint64_t kDefaultSeed = 1;
constexpr uint32_t kShapes = 9;
constexpr uint32_t kRandomPathMax = 300;  // beyond protocol::vfs::kMaxPath on purpose

struct Tally {
    uint32_t sent = 0;
    uint32_t rejected = 0;     // reply status < 0
    uint32_t accepted = 0;     // reply status ok
    uint32_t send_errors = 0;  // the kernel refused or the server was gone
};

int32_t valid_type(const Target& target, Prng& prng) {
    for (;;) {
        const int32_t type = target.first_type + static_cast<int32_t>(prng.below(target.request_count));
        if (!fuzz::is_excluded(target, type)) return type;
    }
}

// Overwrites the payload with GrantRef-shaped garbage: random ids, huge lengths.
void poison_grants(Message& message, Prng& prng) {
    auto* words = reinterpret_cast<uint64_t*>(message.payload);
    for (size_t i = 0; i < neurath::kPayloadSize / 8; ++i) {
        words[i] = (i % 2 == 0) ? prng.below(64) : (1ull << prng.below(63));
    }
}

// Client buffers the servers are granted access to.
struct Buffers {
    uint64_t small_grant;  // 8 bytes, read/write
    uint64_t path_grant;   // kRandomPathMax bytes, read-only
    uint8_t* path;
};

// A read-only vfs request (open for reading, stat) naming a random path:
// exercises path copying and resolution without changing the tree.
void random_path_request(Prng& prng, Message& message, const Buffers& buffers) {
    const uint64_t length = 1 + prng.below(kRandomPathMax);
    prng.fill(buffers.path, kRandomPathMax);
    buffers.path[0] = '/';
    const protocol::GrantRef path{buffers.path_grant, length};
    if (prng.below(2) == 0) {
        message.type = protocol::vfs::kOpen;
        neurath::payload_of<protocol::vfs::OpenRequest>(message) = {path, protocol::vfs::kOpenRead, 0};
    } else {
        message.type = protocol::vfs::kStat;
        neurath::payload_of<protocol::vfs::StatRequest>(message) = {path};
    }
}

void shape_message(const Target& target, uint32_t shape, Prng& prng, Message& message, const Buffers& buffers) {
    prng.fill(message.payload, sizeof message.payload);
    switch (shape) {
    case 0: message.type = target.first_type + target.request_count + static_cast<int32_t>(prng.below(200)); break;
    case 1: message.type = static_cast<int32_t>(prng.next()); break;
    case 2: message.type = valid_type(target, prng); break;
    case 3:
        message.type = valid_type(target, prng);
        poison_grants(message, prng);
        break;
    case 4: {
        message.type = valid_type(target, prng);
        const protocol::GrantRef lying{buffers.small_grant, 1ull << 40};
        sys::str::memcpy(message.payload, &lying, sizeof lying);
        sys::str::memcpy(message.payload + 16, &lying, sizeof lying);
        break;
    }
    case 5: {
        protocol::vfs::SeekRequest seek{static_cast<int32_t>(prng.below(20)) - 2,
                                        static_cast<protocol::vfs::Whence>(prng.below(5)),
                                        static_cast<int64_t>(prng.next())};
        message.type = target.endpoint == neurath::kVfs ? protocol::vfs::kSeek : valid_type(target, prng);
        sys::str::memcpy(message.payload, &seek, sizeof seek);
        break;
    }
    case 6: message.type = 1 + static_cast<int32_t>(prng.below(3)); break;  // kernel message types
    case 7: message.type = protocol::common::kCrashInject; break;
    default:
        if (target.endpoint == neurath::kVfs) random_path_request(prng, message, buffers);
        else message.type = valid_type(target, prng);
        break;
    }
}

void fuzz_server(const Target& target, uint32_t count, Prng& prng, Tally& tally) {
    static uint8_t small_buffer[8];
    static uint8_t path_buffer[kRandomPathMax];
    const sys::Result<sys::Grant> small =
        sys::Grant::create(target.endpoint, small_buffer, sizeof small_buffer, neurath::kGrantRead | neurath::kGrantWrite);
    const sys::Result<sys::Grant> path = sys::Grant::create(target.endpoint, path_buffer, sizeof path_buffer, neurath::kGrantRead);
    const Buffers buffers{small.ok() ? small.value().ref().id : 0, path.ok() ? path.value().ref().id : 0, path_buffer};
    for (uint32_t i = 0; i < count; ++i) {
        Message message{};
        shape_message(target, static_cast<uint32_t>(prng.below(kShapes)), prng, message, buffers);
        ++tally.sent;
        if (sys::sendrec(target.endpoint, message).is_error()) {
            ++tally.send_errors;
        } else if (message.type < 0) {
            ++tally.rejected;
        } else {
            ++tally.accepted;
        }
    }
}

bool answers_ping(const Target& target) {
    return sys::call_status(target.endpoint, protocol::common::kPing, protocol::common::Empty{}).ok();
}

}  // namespace

int main(int argc, char** argv) {
    const uint32_t count = static_cast<uint32_t>(fuzz::parse_number(argc > 1 ? argv[1] : nullptr, kDefaultCount));
    const uint64_t seed = fuzz::parse_number(argc > 2 ? argv[2] : nullptr, kDefaultSeed);
    Prng prng(seed);
    Tally tally;
    uint32_t alive = 0;
    uint32_t servers = 0;
    for (const Target& target : fuzz::kTargets) {
        if (target.optional && !answers_ping(target)) {
            printf("msgfuzz: %s is not running here, skipped\n", target.name);
            continue;
        }
        ++servers;
        Tally mine;
        fuzz_server(target, count, prng, mine);
        const bool answers = answers_ping(target);
        alive += answers ? 1 : 0;
        printf("msgfuzz: %-4s %u sent, %u rejected, %u accepted, %u send errors, %s\n", target.name, mine.sent,
               mine.rejected, mine.accepted, mine.send_errors, answers ? "still answers" : "DOES NOT ANSWER");
        tally.sent += mine.sent;
        tally.rejected += mine.rejected;
        tally.accepted += mine.accepted;
        tally.send_errors += mine.send_errors;
    }
    printf("msgfuzz summary: seed %llu, %u messages, %u rejected, %u accepted, %u send errors, %u/%u servers answer\n",
           static_cast<unsigned long long>(seed), tally.sent, tally.rejected, tally.accepted, tally.send_errors, alive,
           servers);
    return alive == servers ? 0 : 1;
}
