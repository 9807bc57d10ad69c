// main.cpp — /bin/limitprobe: runs into the limits of its profile on purpose
// (profile keys `memory` and `processes` in /etc/system.conf) and prints how
// far it got and the error that stopped it, so a user or a test sees the
// limit hold.
//
// Entry point: main.
//   limitprobe memory <KiB>       maps <KiB> of fresh memory in 64 KiB steps
//                                 (outside the heap) and writes to every page:
//                                 "limitprobe: mapped N KiB" and, when a map
//                                 is refused, ", then: <error>"
//   limitprobe processes <count>  starts <count> children that hold until
//                                 killed: "limitprobe: started N children" and,
//                                 when a spawn is refused, ", then: <error>";
//                                 then kills and collects every child it started
//   limitprobe hold               waits until killed (the children above)
// Exit status 0 when everything asked for was mapped or started, 1 when a
// limit (or another error) stopped it, 2 for bad arguments.
#include <neurath/error.h>
#include <sys/cstring.h>
#include <sys/kcall.h>
#include <sys/pm_client.h>
#include <sys/stdio.h>

#include "numbers.h"

namespace {

using neurath::error_name;

constexpr uint64_t kProbeBase = uint64_t{0x200000000000};  // 32 TiB: far from the heap at 16 TiB
constexpr uint64_t kStep = 64 * 1024;
constexpr uint32_t kMaxChildren = 64;
constexpr int32_t kKillStatus = 9;
constexpr const char* kSelf = "/bin/limitprobe";

constexpr uint64_t kMaxCount = 1'000'000'000;

// A count argument: decimal, at most a billion (KiB or rounds, so that
// multiplying by 1024 cannot overflow).
bool parse_count(const char* text, uint64_t& value) {
    const sys::Result<uint64_t> parsed = shell::parse_unsigned(text);
    if (parsed.is_error() || parsed.value() > kMaxCount) return false;
    value = parsed.value();
    return true;
}

int probe_memory(uint64_t kib) {
    const uint64_t wanted = kib * 1024;
    uint64_t mapped = 0;
    while (mapped < wanted) {
        const uint64_t length = wanted - mapped < kStep ? (wanted - mapped + 4095) / 4096 * 4096 : kStep;
        const sys::Result<void> result = sys::map_anonymous(kProbeBase + mapped, length);
        if (result.is_error()) {
            printf("limitprobe: mapped %llu KiB, then: %s\n", static_cast<unsigned long long>(mapped / 1024),
                   error_name(result.error()));
            return 1;
        }
        for (uint64_t page = 0; page < length; page += 4096)
            *reinterpret_cast<volatile uint8_t*>(kProbeBase + mapped + page) = 1;
        mapped += length;
    }
    printf("limitprobe: mapped %llu KiB\n", static_cast<unsigned long long>(mapped / 1024));
    return 0;
}

void stop_children(const neurath::Endpoint* children, uint32_t count) {
    for (uint32_t i = 0; i < count; ++i) {
        const sys::Result<void> killed = sys::pm::kill(children[i], kKillStatus);
        if (killed.is_error()) printf("limitprobe: kill child %d: %s\n", children[i], error_name(killed.error()));
        else (void)sys::pm::wait(children[i]);
    }
}

int probe_processes(uint64_t count) {
    if (count > kMaxChildren) {
        printf("limitprobe: at most %u children\n", kMaxChildren);
        return 2;
    }
    neurath::Endpoint children[kMaxChildren];
    uint32_t started = 0;
    const char* argv[] = {kSelf, "hold"};
    neurath::Error stopped_by = neurath::Error::None;
    while (started < count) {
        const sys::Result<sys::pm::SpawnReply> child = sys::pm::spawn(kSelf, 2, argv);
        if (child.is_error()) {
            stopped_by = child.error();
            break;
        }
        children[started++] = child.value().endpoint;
    }
    if (stopped_by == neurath::Error::None) printf("limitprobe: started %u children\n", started);
    else printf("limitprobe: started %u children, then: %s\n", started, error_name(stopped_by));
    stop_children(children, started);
    return stopped_by == neurath::Error::None ? 0 : 1;
}

[[noreturn]] void hold() {
    for (;;) {
        neurath::Message message{};
        (void)sys::receive(neurath::kAny, message);
    }
}

int usage() {
    printf("usage: limitprobe memory <KiB> | processes <count> | hold\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && sys::str::strcmp(argv[1], "hold") == 0) hold();
    uint64_t amount = 0;
    if (argc != 3 || !parse_count(argv[2], amount)) return usage();
    if (sys::str::strcmp(argv[1], "memory") == 0) return probe_memory(amount);
    if (sys::str::strcmp(argv[1], "processes") == 0) return probe_processes(amount);
    return usage();
}
