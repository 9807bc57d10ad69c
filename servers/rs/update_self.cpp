// update_self.cpp — rs updating itself, alone or in a transaction with
// other participants. rs cannot park at its receive like a server: it is the
// one running the transaction. Instead:
//
//  1. The other participants quiesce, transfer and check as usual.
//  2. When they are all ready, rs orders its own new version's transfer and
//     waits for that one process only (Receive from its endpoint, bounded by
//     rs's alarm): rs's state cannot change meanwhile, and it already says
//     that everyone else is ready.
//  3. On success the old rs commits: it swaps the other participants, then
//     itself (the kernel lets only rs swap kRs), wakes its new version and
//     exits. The new rs, now at kRs with rs's privileges, ends the replaced
//     versions of the others, wakes their new versions, finishes the records
//     of the transaction it inherited (on_self_committed) and answers the
//     client waiting for the outcome.
//  On any failure before its own swap the old rs rolls everything back, its
//  new version included, and carries on.
//
// Entry points: UpdateManager::{self_participant, others_ready, swap_others,
// transfer_self, hand_over_to_new_self, on_self_committed}.
#include <sys/format.h>
#include <sys/grant.h>
#include <sys/stdio.h>

#include "handlers.h"

namespace rs {
namespace {

using neurath::Error;
namespace prs = protocol::rs;
namespace pu = protocol::update;

}  // namespace

Participant* UpdateManager::self_participant() {
    for (uint32_t i = 0; i < transaction_.count; ++i)
        if (transaction_.parts[i].is_self) return &transaction_.parts[i];
    return nullptr;
}

bool UpdateManager::others_ready() const {
    for (uint32_t i = 0; i < transaction_.count; ++i)
        if (!transaction_.parts[i].is_self && !transaction_.parts[i].ready) return false;
    return true;
}

// Swaps every participant but rs with its new version; on a refusal the
// swaps done are undone, the transaction rolls back and the error returns.
Result<void> UpdateManager::swap_others(uint32_t& swapped) {
    Transaction& t = transaction_;
    for (swapped = 0; swapped < t.count; ++swapped) {
        Participant& part = t.parts[swapped];
        if (part.is_self) continue;
        Result<void> swap = sys::proc_swap_endpoints(part.endpoint, part.new_endpoint);
        if (swap.ok()) continue;
        char reason[prs::kUpdateLineLength];
        sys::format(reason, sizeof reason, "%s: commit refused by the kernel: %s", part.name,
                    neurath::error_name(swap.error()));
        swap_back_others(swapped);
        rollback(reason);
        return swap.error();
    }
    return {};
}

// Undoes the swaps of the participants before `count` (rs itself excluded).
void UpdateManager::swap_back_others(uint32_t count) {
    for (uint32_t i = 0; i < count; ++i) {
        const Participant& part = transaction_.parts[i];
        if (!part.is_self) (void)sys::proc_swap_endpoints(part.endpoint, part.new_endpoint);
    }
}

void UpdateManager::transfer_self(RsState&) {
    Participant& self = *self_participant();
    // From here until its new version commits, rs handles no request.
    if (transaction_.hold_started_ns == 0) transaction_.hold_started_ns = sys::uptime_ns();
    (void)sys::set_alarm(transaction_.timeout_ns);
    send_transfer_order(self);
    if (transaction_.stage != UpdateStage::Transferring) return;  // the order could not be sent: rolled back
    char reason[prs::kUpdateLineLength];
    for (;;) {
        neurath::Message message;
        Result<void> got = sys::receive(self.new_endpoint, message);
        if (got.is_error()) {
            if (got.error() == Error::Timeout)
                sys::format(reason, sizeof reason, "rs: the new version did not finish its transfer within %llu ms",
                            static_cast<unsigned long long>(transaction_.timeout_ns / 1'000'000ull));
            else
                sys::format(reason, sizeof reason, "rs: the new version ended during its transfer (%s)",
                            neurath::error_name(got.error()));
            rollback(reason);
            return;
        }
        if (message.type != prs::kUpdateReady) continue;
        const auto& report = neurath::payload_of<prs::UpdateReady>(message);
        neurath::Message ack{};  // answered before the swap: it waits in SendReceive
        ack.type = protocol::kReplyOk;
        if (report.status != protocol::kReplyOk) {
            failure_reason(self.new_endpoint, "rs", report, reason, sizeof reason);
            (void)sys::send_reply(self.new_endpoint, ack);
            rollback(reason);
            return;
        }
        (void)sys::send_reply(self.new_endpoint, ack);
        (void)sys::set_alarm(0);
        hand_over_to_new_self(self);  // returns only when the commit was refused (rolled back)
        return;
    }
}

void UpdateManager::hand_over_to_new_self(Participant& self) {
    uint32_t swapped = 0;
    if (swap_others(swapped).is_error()) return;
    Result<void> swap = sys::proc_swap_endpoints(neurath::kRs, self.new_endpoint);
    if (swap.is_error()) {
        swap_back_others(transaction_.count);
        char reason[prs::kUpdateLineLength];
        sys::format(reason, sizeof reason, "rs: commit refused by the kernel: %s", neurath::error_name(swap.error()));
        rollback(reason);
        return;
    }
    // From here this process is the replaced rs: it has the endpoint and the
    // privileges its new version had (it may only notify rs), and the new rs
    // owns kRs, every request queued there and the privileges to end the
    // replaced versions of the other participants (on_self_committed).
    (void)sys::notify(neurath::kRs, pu::kCommitTag);
    sys::exit(0);
}

void UpdateManager::on_self_committed(RsState& rs) {
    Participant* self = self_participant();
    if (!self || transaction_.stage != UpdateStage::Transferring) {
        sys::log("rs: started as a new version without an update of rs in progress\n");
        return;
    }
    self->ready = true;
    const sys::TransferFigures figures = sys::update_agent_own_transfer();
    self->objects = figures.objects;
    self->bytes = figures.bytes;
    self->pointers = figures.pointers;
    self->check_ns = figures.check_ns;
    line("transfer  %-6s %llu objects, %llu bytes, %llu pointers relocated (its own state)", self->name,
         static_cast<unsigned long long>(figures.objects), static_cast<unsigned long long>(figures.bytes),
         static_cast<unsigned long long>(figures.pointers));
    end_transfer_and_check();
    kill_replaced_and_wake_new();
    record_commit(rs);
    sys::log("rs: now running as the new version\n");
}

}  // namespace rs
