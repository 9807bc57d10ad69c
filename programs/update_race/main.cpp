// main.cpp — /test/update-race: asks rs for a second update while a first
// one is still running, which rs must refuse without disturbing the first.
//
// Entry point: main. update-race <name> <binary> <state-filter>: starts
// `update <name> <binary> --state <state-filter> --timeout 1000`, then at
// once the same update again. Prints rs's answer to the second request
// ("second update refused: <rs's text>" or "second update accepted"), then
// follows the first transaction to its end and prints "first update ended:
// committed|rolled back|prepared". Exit status 0 only if the second was
// refused with Busy and the first ran to an end; 2 for bad arguments.
#include <protocol/rs.h>
#include <sys/cstring.h>
#include <sys/rs_client.h>
#include <sys/stdio.h>

namespace {

namespace pr = protocol::rs;

constexpr uint64_t kFirstTimeoutMs = 1000;

bool fill_spec(pr::UpdateSpec& spec, const char* name, const char* binary, const char* filter) {
    spec = pr::UpdateSpec{};
    spec.target_count = 1;
    spec.timeout_ms = kFirstTimeoutMs;
    const size_t copied_name = sys::str::strlcpy(spec.targets[0].name, name, sizeof spec.targets[0].name);
    const size_t copied_binary = sys::str::strlcpy(spec.targets[0].binary, binary, sizeof spec.targets[0].binary);
    const size_t copied_filter = sys::str::strlcpy(spec.state_filter, filter, sizeof spec.state_filter);
    return copied_name < sizeof spec.targets[0].name && copied_binary < sizeof spec.targets[0].binary &&
           copied_filter < sizeof spec.state_filter;
}

const char* result_name(pr::UpdateResult result) {
    switch (result) {
    case pr::UpdateResult::Committed: return "committed";
    case pr::UpdateResult::RolledBack: return "rolled back";
    case pr::UpdateResult::Prepared: return "prepared";
    case pr::UpdateResult::Running: break;
    }
    return "running";
}

// Follows `transaction` until it ends (progress lines are not printed).
sys::Result<pr::UpdateResult> wait_for_end(uint32_t transaction) {
    static char lines[4][pr::kUpdateLineLength];
    uint32_t seen = 0;
    for (;;) {
        const pr::UpdateWaitReply news = TRY(sys::rs::update_wait(transaction, seen, lines, 4));
        seen += news.count;
        if (news.result != pr::UpdateResult::Running) return news.result;
    }
}

}  // namespace

int main(int argc, char** argv) {
    static pr::UpdateSpec spec;
    if (argc != 4 || !fill_spec(spec, argv[1], argv[2], argv[3])) {
        printf("usage: update-race <name> <binary> <state-filter>\n");
        return 2;
    }
    static char error_text[pr::kUpdateErrorText];
    const sys::Result<uint32_t> first = sys::rs::update(spec, error_text, sizeof error_text);
    if (first.is_error()) {
        printf("first update refused: %s\n", error_text[0] ? error_text : neurath::error_name(first.error()));
        return 1;
    }
    const sys::Result<uint32_t> second = sys::rs::update(spec, error_text, sizeof error_text);
    const bool refused_busy = second.is_error() && second.error() == neurath::Error::Busy;
    if (second.is_error())
        printf("second update refused: %s\n", error_text[0] ? error_text : neurath::error_name(second.error()));
    else
        printf("second update accepted (transaction %u)\n", second.value());
    const sys::Result<pr::UpdateResult> ended = wait_for_end(first.value());
    if (ended.is_error()) {
        printf("first update: following it failed: %s\n", neurath::error_name(ended.error()));
        return 1;
    }
    printf("first update ended: %s\n", result_name(ended.value()));
    return refused_busy ? 0 : 1;
}
