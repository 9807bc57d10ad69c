// builtins_update.cpp — shell builtins for live update through rs: update
// (start a transaction and follow it to its end) and updates (the history).
//
// Entry points: builtin_update, builtin_updates. `update` checks its
// arguments first (update_args.h; a bad argument is one line and status 2,
// nothing is sent), then asks rs; a refusal prints rs's explanation (status
// 1). An accepted update is followed with UpdateWait, printing each progress
// line rs writes as it arrives, until it has committed or been prepared
// (status 0) or rolled back (status 1).
#include <protocol/rs.h>
#include <sys/rs_client.h>
#include <sys/utility.h>

#include "builtins.h"
#include "update_args.h"
#include "update_report.h"

namespace shell {
namespace {

namespace pr = protocol::rs;
using neurath::error_name;

constexpr uint32_t kWaitLines = 8;       // progress lines fetched per UpdateWait
constexpr uint32_t kHistoryRecords = 32;  // the most rows `updates` shows
constexpr size_t kRowText = 512;

// Asks rs to start the update; its transaction id, or the refusal reported.
sys::Result<uint32_t> start_update(const pr::UpdateSpec& spec) {
    static char error_text[pr::kUpdateErrorText];
    const sys::Result<uint32_t> started = sys::rs::update(spec, error_text, sizeof error_text);
    if (started.ok()) return started;
    report_error("update", "%s", error_text[0] != '\0' ? error_text : error_name(started.error()));
    return started.error();
}

// Prints rs's progress lines until the transaction ends; returns its result.
sys::Result<pr::UpdateResult> follow_update(uint32_t transaction, Output& out) {
    static char lines[kWaitLines][pr::kUpdateLineLength];
    uint32_t seen = 0;
    for (;;) {
        const sys::Result<pr::UpdateWaitReply> news = sys::rs::update_wait(transaction, seen, lines, kWaitLines);
        if (news.is_error()) {
            report_error("update", "following transaction %u: %s", transaction, error_name(news.error()));
            return news.error();
        }
        for (uint32_t i = 0; i < news.value().count; ++i)
            out.print("%.*s\n", static_cast<int>(pr::kUpdateLineLength), lines[i]);
        seen += news.value().count;
        if (news.value().result != pr::UpdateResult::Running) return news.value().result;
    }
}

// Writes text formatted into `text` (length as sys::format returns it).
void write_formatted(const char (&text)[kRowText], int length, Output& out) {
    if (length > 0) out.write(text, sys::min(static_cast<size_t>(length), sizeof text - 1));
}

void print_history(const pr::UpdateRecord* records, const pr::UpdateHistoryReply& history, Output& out) {
    char text[kRowText];
    write_formatted(text, format_update_header(text, sizeof text), out);
    for (uint32_t i = 0; i < history.count; ++i)
        write_formatted(text, format_update_row(text, sizeof text, records[i]), out);
    out.print("(times in microseconds; %u of %u updates shown)\n", history.count, history.total);
}

}  // namespace

int builtin_update(const CommandLine& command, Output& out) {
    if (command.argc == 1) return usage_error(command) + 1;
    static pr::UpdateSpec spec;
    char error[kUpdateArgsErrorLength];
    if (parse_update_args(command.argc, command.argv, spec, error).is_error()) {
        report_error("update", "%s", error);
        return 2;
    }
    const sys::Result<uint32_t> transaction = start_update(spec);
    if (transaction.is_error()) return 1;
    const sys::Result<pr::UpdateResult> result = follow_update(transaction.value(), out);
    if (result.is_error()) return 1;
    return result.value() == pr::UpdateResult::RolledBack ? 1 : 0;
}

int builtin_updates(const CommandLine& command, Output& out) {
    if (command.argc != 1) return usage_error(command);
    static pr::UpdateRecord records[kHistoryRecords];
    const sys::Result<pr::UpdateHistoryReply> history = sys::rs::update_history(records, kHistoryRecords);
    if (history.is_error()) {
        report_error("updates", "history: %s", error_name(history.error()));
        return 1;
    }
    if (history.value().count == 0) {
        out.print("no updates since boot\n");
        return 0;
    }
    print_history(records, history.value(), out);
    return 0;
}

}  // namespace shell
