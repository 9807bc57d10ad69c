// update_progress.cpp — a live-update transaction after its start: the old
// versions park, the new ones transfer and check their state, then rs
// commits (one endpoint swap per participant, all or none) or rolls back
// (new versions ended, old ones resumed where they parked). Deadlines come
// from rs's alarm; a new version that dies rolls the transaction back.
// Progress lines and a waiting client's deferred reply live here too.
//
// Entry points: UpdateManager::{wait, on_parked, on_loaded, on_ready,
// on_alarm, on_process_ended} (update_manager.h).
#include <neurath/version.h>
#include <stdarg.h>
#include <sys/cstring.h>
#include <sys/format.h>
#include <sys/grant.h>
#include <sys/stdio.h>

#include "handlers.h"

namespace rs {
namespace {

using neurath::Error;
namespace prs = protocol::rs;
namespace pu = protocol::update;
namespace str = sys::str;

uint64_t us(uint64_t ns) { return ns / 1000; }

const char* phase_name(UpdatePhase phase) {
    switch (phase) {
    case UpdatePhase::Load: return "load";
    case UpdatePhase::Quiesce: return "quiesce";
    case UpdatePhase::Transfer: return "transfer";
    case UpdatePhase::Check: return "check";
    case UpdatePhase::Commit: return "commit";
    case UpdatePhase::Count: break;
    }
    return "?";
}

}  // namespace

void UpdateManager::line(const char* pattern, ...) {
    if (transaction_.line_count == kMaxProgressLines) return;
    va_list arguments;
    va_start(arguments, pattern);
    sys::vformat(transaction_.lines[transaction_.line_count], prs::kUpdateLineLength, pattern, arguments);
    va_end(arguments);
    ++transaction_.line_count;
    answer_waiter();
}

void UpdateManager::end_phase(UpdatePhase phase) {
    const uint64_t now = sys::uptime_ns();
    transaction_.phase_ns[static_cast<uint32_t>(phase)] = now - transaction_.phase_started_ns;
    transaction_.phase_started_ns = now;
    (void)phase_name;
}

Participant* UpdateManager::by_endpoint(Endpoint endpoint) {
    for (uint32_t i = 0; i < transaction_.count; ++i)
        if (transaction_.parts[i].endpoint == endpoint) return &transaction_.parts[i];
    return nullptr;
}

Participant* UpdateManager::by_new_endpoint(Endpoint endpoint) {
    for (uint32_t i = 0; i < transaction_.count; ++i)
        if (transaction_.parts[i].new_endpoint == endpoint) return &transaction_.parts[i];
    return nullptr;
}

void UpdateManager::expect_end(Endpoint endpoint) {
    if (expected_end_count_ == sizeof expected_ends_ / sizeof expected_ends_[0]) {
        for (uint32_t i = 1; i < expected_end_count_; ++i) expected_ends_[i - 1] = expected_ends_[i];
        --expected_end_count_;
    }
    expected_ends_[expected_end_count_++] = endpoint;
}

// --- the client waiting for progress ----------------------------------------

void UpdateManager::answer_waiter() {
    Transaction& t = transaction_;
    if (t.waiter == neurath::kNone) return;
    const bool finished = t.stage == UpdateStage::Finished;
    if (t.waiter_first_line >= t.line_count && !finished) return;
    const uint32_t capacity = static_cast<uint32_t>(t.waiter_lines.length / prs::kUpdateLineLength);
    uint32_t count = 0;
    for (uint32_t i = t.waiter_first_line; i < t.line_count && count < capacity; ++i, ++count) {
        if (sys::copy_to_grant(t.waiter, t.waiter_lines, uint64_t{count} * prs::kUpdateLineLength, t.lines[i],
                               prs::kUpdateLineLength)
                .is_error())
            break;
    }
    neurath::Message reply{};
    reply.type = protocol::kReplyOk;
    const bool all_sent = t.waiter_first_line + count >= t.line_count;
    neurath::payload_of<prs::UpdateWaitReply>(reply) = {count, finished && all_sent ? t.result : UpdateResult::Running};
    (void)sys::send_reply(t.waiter, reply);
    t.waiter = neurath::kNone;
}

Result<sys::Disposition> UpdateManager::wait(Endpoint client, const prs::UpdateWaitRequest& request,
                                             neurath::Message&) {
    if (request.transaction == 0 || request.transaction != transaction_.id) return Error::NotFound;
    if (transaction_.waiter != neurath::kNone) return Error::Busy;
    transaction_.waiter = client;
    transaction_.waiter_first_line = request.first_line;
    transaction_.waiter_lines = request.lines;
    answer_waiter();
    return sys::Disposition::Deferred;
}

// --- reports from the processes being updated ---------------------------------

namespace {

// Answers a report at once (its sender waits in SendReceive, and a process
// inside SendReceive cannot be swapped by the commit that may follow).
void acknowledge(Endpoint source) {
    neurath::Message ack{};
    ack.type = protocol::kReplyOk;
    (void)sys::send_reply(source, ack);
}

}  // namespace

// "<name>: <what the new version reported>", from the text it granted (or
// the error's name when it gave none).
void failure_reason(Endpoint reporter, const char* name, const prs::UpdateReady& report, char* reason,
                    size_t capacity) {
    char text[pu::kMaxErrorText] = {};
    const uint64_t length = report.error_text.length < sizeof text ? report.error_text.length : sizeof text - 1;
    if (length) (void)sys::copy_from_grant(reporter, report.error_text, 0, text, length);
    sys::format(reason, capacity, "%s: %s", name,
                text[0] ? text : neurath::error_name(protocol::error_of_reply(report.status)));
}

Result<sys::Disposition> UpdateManager::on_parked(RsState& rs, Endpoint source, uint64_t runtime_root) {
    Participant* part = transaction_.stage == UpdateStage::Quiescing ? by_endpoint(source) : nullptr;
    // Not a participant, or parked for a transaction that already ended: the
    // refusal tells a stale one to carry on.
    if (!part || !part->prepared || part->parked) return Error::PermissionDenied;
    acknowledge(source);
    part->parked = true;
    part->runtime_root = runtime_root;
    end_quiescence_if_all_parked();
    start_transfer_if_ready(rs);
    return sys::Disposition::NoReply;
}

void UpdateManager::end_quiescence_if_all_parked() {
    if (transaction_.stage != UpdateStage::Quiescing) return;
    for (uint32_t i = 0; i < transaction_.count; ++i)
        if (!transaction_.parts[i].parked) return;
    end_phase(UpdatePhase::Quiesce);
    line("quiesce   %u parked in %llu us", transaction_.count,
         static_cast<unsigned long long>(us(transaction_.phase_ns[static_cast<uint32_t>(UpdatePhase::Quiesce)])));
    if (transaction_.flags & prs::kUpdatePrepareOnly) {
        for (uint32_t i = 0; i < transaction_.count; ++i) {
            expect_end(transaction_.parts[i].new_endpoint);
            (void)sys::proc_kill(transaction_.parts[i].new_endpoint, 0);
            transaction_.parts[i].new_endpoint = neurath::kNone;
            if (transaction_.parts[i].prepared) (void)sys::notify(transaction_.parts[i].endpoint, pu::kAbortTag);
        }
        transaction_.blackout_ns = sys::uptime_ns() - transaction_.hold_started_ns;
        finish(UpdateResult::Prepared, "");
        return;
    }
    transaction_.stage = UpdateStage::Transferring;
    (void)sys::set_alarm(transaction_.timeout_ns);
}

Result<sys::Disposition> UpdateManager::on_loaded(RsState& rs, Endpoint source) {
    Participant* part = transaction_.active() ? by_new_endpoint(source) : nullptr;
    if (!part || part->loaded) return Error::PermissionDenied;
    part->loaded = true;
    start_transfer_if_ready(rs);
    return sys::Disposition::Deferred;
}

// Every loaded participant gets its transfer order; rs's own comes last, once
// the others are ready, since its state must already say so.
void UpdateManager::start_transfer_if_ready(RsState& rs) {
    if (transaction_.stage != UpdateStage::Transferring) return;
    for (uint32_t i = 0; i < transaction_.count; ++i) {
        Participant& part = transaction_.parts[i];
        if (part.loaded && !part.ordered && !part.is_self) send_transfer_order(part);
    }
    Participant* self = self_participant();
    if (self && self->loaded && !self->ordered && others_ready()) transfer_self(rs);
}

void UpdateManager::send_transfer_order(Participant& part) {
    neurath::Message order{};
    order.type = protocol::kReplyOk;
    neurath::payload_of<prs::TransferOrder>(order) = {part.runtime_root, part.endpoint,
                                                      transaction_.flags & prs::kUpdateRoundTrip};
    part.ordered = true;
    Result<void> sent = sys::send_reply(part.new_endpoint, order);
    if (sent.is_error()) {
        char reason[prs::kUpdateLineLength];
        sys::format(reason, sizeof reason, "%s: the new version did not take its transfer order: %s", part.name,
                    neurath::error_name(sent.error()));
        rollback(reason);
    }
}

Result<sys::Disposition> UpdateManager::on_ready(RsState& rs, Endpoint source, const prs::UpdateReady& report) {
    Participant* part = transaction_.stage == UpdateStage::Transferring ? by_new_endpoint(source) : nullptr;
    if (!part || !part->ordered || part->ready || part->is_self) return Error::PermissionDenied;
    if (report.status != protocol::kReplyOk) {
        char reason[prs::kUpdateLineLength];
        failure_reason(source, part->name, report, reason, sizeof reason);
        acknowledge(source);
        rollback(reason);
        return sys::Disposition::NoReply;
    }
    acknowledge(source);
    part->ready = true;
    part->objects = report.objects;
    part->bytes = report.bytes;
    part->pointers = report.pointers;
    part->check_ns = report.check_ns;
    line("transfer  %-6s %llu objects, %llu bytes, %llu pointers relocated", part->name,
         static_cast<unsigned long long>(report.objects), static_cast<unsigned long long>(report.bytes),
         static_cast<unsigned long long>(report.pointers));
    if (!others_ready()) return sys::Disposition::NoReply;
    if (self_participant()) start_transfer_if_ready(rs);
    else commit(rs);
    return sys::Disposition::NoReply;
}

void UpdateManager::on_alarm() {
    char reason[prs::kUpdateLineLength];
    const unsigned long long ms = transaction_.timeout_ns / 1'000'000ull;
    if (transaction_.stage == UpdateStage::Quiescing) {
        const Participant* late = nullptr;
        for (uint32_t i = 0; i < transaction_.count && !late; ++i)
            if (!transaction_.parts[i].parked) late = &transaction_.parts[i];
        if (transaction_.state_filter[0])
            sys::format(reason, sizeof reason, "%s: state '%s' not reached within %llu ms", late ? late->name : "?",
                        transaction_.state_filter, ms);
        else
            sys::format(reason, sizeof reason, "%s: not quiescent within %llu ms", late ? late->name : "?", ms);
        rollback(reason);
    } else if (transaction_.stage == UpdateStage::Transferring) {
        const Participant* late = nullptr;
        for (uint32_t i = 0; i < transaction_.count && !late; ++i)
            if (!transaction_.parts[i].ready) late = &transaction_.parts[i];
        sys::format(reason, sizeof reason, "%s: the new version did not finish its transfer within %llu ms",
                    late ? late->name : "?", ms);
        rollback(reason);
    }
}

bool UpdateManager::on_process_ended(Endpoint endpoint, const char* how) {
    for (uint32_t i = 0; i < expected_end_count_; ++i) {
        if (expected_ends_[i] != endpoint) continue;
        for (uint32_t j = i + 1; j < expected_end_count_; ++j) expected_ends_[j - 1] = expected_ends_[j];
        --expected_end_count_;
        return true;
    }
    if (!transaction_.active()) return false;
    char reason[prs::kUpdateLineLength];
    if (Participant* part = by_new_endpoint(endpoint)) {
        part->new_endpoint = neurath::kNone;  // already gone
        sys::format(reason, sizeof reason, "%s: the new version %s", part->name, how);
        rollback(reason);
        return true;
    }
    if (Participant* part = by_endpoint(endpoint)) {
        part->prepared = false;  // its restart starts fresh: nothing to resume
        sys::format(reason, sizeof reason, "%s: the running version %s while quiescing", part->name, how);
        rollback(reason);
    }
    return false;
}

// --- the end of a transaction -------------------------------------------------

void UpdateManager::commit(RsState& rs) {
    end_transfer_and_check();
    uint32_t swapped = 0;
    if (swap_others(swapped).is_error()) return;
    kill_replaced_and_wake_new();
    record_commit(rs);
}

// The transfer phase ends when the last new version is ready; the longest
// check among them is reported as the check phase.
void UpdateManager::end_transfer_and_check() {
    Transaction& t = transaction_;
    uint64_t check_ns = 0;
    for (uint32_t i = 0; i < t.count; ++i)
        if (t.parts[i].check_ns > check_ns) check_ns = t.parts[i].check_ns;
    const uint64_t now = sys::uptime_ns();
    const uint64_t transfer_and_check = now - t.phase_started_ns;
    t.phase_ns[static_cast<uint32_t>(UpdatePhase::Check)] = check_ns < transfer_and_check ? check_ns : transfer_and_check;
    t.phase_ns[static_cast<uint32_t>(UpdatePhase::Transfer)] =
        transfer_and_check - t.phase_ns[static_cast<uint32_t>(UpdatePhase::Check)];
    t.phase_started_ns = now;
    line("check     %u passed in %llu us", t.count,
         static_cast<unsigned long long>(us(t.phase_ns[static_cast<uint32_t>(UpdatePhase::Check)])));
}

// The old versions end (they are at the new versions' endpoints now) and
// the new ones are told to start serving.
void UpdateManager::kill_replaced_and_wake_new() {
    for (uint32_t i = 0; i < transaction_.count; ++i) {
        Participant& part = transaction_.parts[i];
        if (part.is_self) continue;
        (void)sys::proc_kill(part.new_endpoint, 0);  // its exit report is expected (record_commit)
        (void)sys::notify(part.endpoint, pu::kCommitTag);
    }
}

// rs's own records of a committed transaction (in the new rs too, after it
// replaced itself).
void UpdateManager::record_commit(RsState& rs) {
    Transaction& t = transaction_;
    // The old versions, ended by the commit, are at the new ones' endpoints
    // (the swap also gave each new version the old one's pid: records stay right).
    for (uint32_t i = 0; i < t.count; ++i) expect_end(t.parts[i].new_endpoint);
    end_phase(UpdatePhase::Commit);
    t.blackout_ns = sys::uptime_ns() - t.hold_started_ns;
    keep_binaries_and_history(rs);
    finish(UpdateResult::Committed, "");
}

void UpdateManager::rollback(const char* reason) {
    Transaction& t = transaction_;
    for (uint32_t i = 0; i < t.count; ++i) {
        Participant& part = t.parts[i];
        if (part.new_endpoint != neurath::kNone) {
            expect_end(part.new_endpoint);
            (void)sys::proc_kill(part.new_endpoint, 1);
            part.new_endpoint = neurath::kNone;
        }
        if (part.prepared) (void)sys::notify(part.endpoint, pu::kAbortTag);
    }
    end_phase(t.stage == UpdateStage::Quiescing ? UpdatePhase::Quiesce : UpdatePhase::Transfer);
    if (t.hold_started_ns) t.blackout_ns = sys::uptime_ns() - t.hold_started_ns;  // held until resumed
    finish(UpdateResult::RolledBack, reason);
}

void UpdateManager::keep_binaries_and_history(RsState&) {
    for (uint32_t i = 0; i < transaction_.count; ++i) {
        Participant& part = transaction_.parts[i];
        store_.commit(part.name, part.new_binary, part.old_binary, transaction_.undo());
        part.new_binary = Binary{};
        part.old_binary = Binary{};
    }
}

// One line per transaction on the kernel console, with every figure in
// nanoseconds of guest time (instructions under -icount): what
// `./neurath bench update` reads.
void UpdateManager::log_figures(UpdateResult result, const char* reason) const {
    const Transaction& t = transaction_;
    uint64_t bytes = 0;
    for (uint32_t i = 0; i < t.count; ++i) bytes += t.parts[i].bytes;
    const char* verdict = result == UpdateResult::Committed    ? "committed"
                          : result == UpdateResult::Prepared   ? "prepared"
                                                               : "rolled-back";
    sys::log("rs: update %u %s %s load=%llu quiesce=%llu transfer=%llu check=%llu commit=%llu blackout=%llu "
             "bytes=%llu%s%s\n",
             t.id, t.parts[0].name, verdict, static_cast<unsigned long long>(t.phase_ns[0]),
             static_cast<unsigned long long>(t.phase_ns[1]), static_cast<unsigned long long>(t.phase_ns[2]),
             static_cast<unsigned long long>(t.phase_ns[3]), static_cast<unsigned long long>(t.phase_ns[4]),
             static_cast<unsigned long long>(t.blackout_ns), static_cast<unsigned long long>(bytes),
             reason[0] ? " reason: " : "", reason);
}

void UpdateManager::finish(UpdateResult result, const char* reason) {
    Transaction& t = transaction_;
    (void)sys::set_alarm(0);
    t.result = result;
    str::strlcpy(t.reason, reason, sizeof t.reason);
    uint64_t total = 0;
    for (uint64_t ns : t.phase_ns) total += ns;
    for (uint32_t i = 0; i < t.count; ++i) {
        Participant& part = t.parts[i];
        prs::UpdateRecord record{};
        record.transaction = t.id;
        record.result = result;
        str::strlcpy(record.name, part.name, sizeof record.name);
        record.old_version = part.old_version;
        record.new_version = part.new_binary.data ? part.new_binary.version : 0;
        if (result == UpdateResult::Committed) {
            const Binary* now_running = store_.current(part.name);
            record.new_version = now_running ? now_running->version : 0;
        }
        for (uint32_t p = 0; p < static_cast<uint32_t>(UpdatePhase::Count); ++p) record.phase_ns[p] = t.phase_ns[p];
        record.blackout_ns = t.blackout_ns;
        record.state_bytes = part.bytes;
        str::strlcpy(record.reason, reason, sizeof record.reason);
        store_.record(record);
        release_binary(part.new_binary);
        release_binary(part.old_binary);
    }
    t.stage = UpdateStage::Finished;
    log_figures(result, reason);
    switch (result) {
    case UpdateResult::Committed:
        line("committed in %llu us; blackout %llu us", static_cast<unsigned long long>(us(total)),
             static_cast<unsigned long long>(us(t.blackout_ns)));
        break;
    case UpdateResult::Prepared:
        line("prepared: quiescent state reached; the running version resumed");
        break;
    case UpdateResult::RolledBack: line("rolled back: %s", reason); break;
    case UpdateResult::Running: break;
    }
}

}  // namespace rs
