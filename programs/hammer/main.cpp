// main.cpp — /bin/hammer: checked load on one system server.
//
// Entry point: main. hammer <ds|vfs|pm> [count] (default 2000 requests):
//   ds   publish / lookup / delete of its own keys, values checked byte for byte
//   vfs  create, write, read back and compare, stat, unlink of its own files
//   pm   getpid and the process list (its own entry must be there)
// Prints failures as they happen (the first few), then one line:
// "hammer <server>: N requests, F failures, longest wait W us"; exit
// status 0 only if F == 0 (2 for bad arguments).
#include <sys/cstring.h>
#include <sys/kcall.h>
#include <sys/pm_client.h>
#include <sys/stdio.h>

#include "numbers.h"
#include "rounds.h"

namespace {

constexpr uint64_t kDefaultCount = 2000;

struct Target {
    const char* server;
    const char* label;  // the summary line's prefix
    void (*run)(load::Tally& tally, uint64_t count, const hammer::Self& self);
};

const Target kTargets[] = {
    {"ds", "hammer ds", hammer::hammer_ds},
    {"vfs", "hammer vfs", hammer::hammer_vfs},
    {"pm", "hammer pm", hammer::hammer_pm},
};

const Target* find_target(const char* server) {
    for (const Target& target : kTargets) {
        if (sys::str::strcmp(target.server, server) == 0) return &target;
    }
    return nullptr;
}

int usage() {
    printf("usage: hammer <ds|vfs|pm> [count]   (count: requests to send, default %llu)\n",
           static_cast<unsigned long long>(kDefaultCount));
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) return usage();
    const Target* target = find_target(argv[1]);
    if (target == nullptr) {
        printf("hammer: unknown server '%s'\n", argv[1]);
        return usage();
    }
    const sys::Result<uint64_t> count = argc == 3 ? shell::parse_unsigned(argv[2]) : kDefaultCount;
    if (count.is_error()) {
        printf("hammer: count '%s' is not a number\n", argv[2]);
        return usage();
    }
    const sys::Result<sys::pm::GetPidReply> self = sys::pm::getpid();
    if (self.is_error()) {
        printf("hammer: asking pm for my pid (to name my keys and files): %s\n", neurath::error_name(self.error()));
        return 1;
    }
    load::Tally tally(target->label);
    target->run(tally, count.value(), hammer::Self{self.value().pid, sys::self_endpoint()});
    tally.print_summary();
    return tally.exit_status();
}
