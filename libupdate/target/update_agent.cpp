// update_agent.cpp — the live-update agent inside every server and
// updatable program built on the libsys framework (sys/update_agent.h): both
// halves of the protocol in protocol/update.h.
//
// Old version: kPrepare from rs installs the state filter (libupdate's
// quiescence request) and an admission gate that holds back every message
// except the kernel's and rs's. At the next quiescent point where the filter
// holds, the park handler reports kUpdateParked to rs and waits for rs only:
// either it is killed (commit) or notified kAbortTag (rollback, or the
// deadline passed), and then it resumes at the quiescent point, where the
// held messages are served first, in order.
//
// New version: loads its own metadata, asks rs for the transfer order,
// rebuilds its state from the old version's memory (ProcMemoryRead, a
// capability scoped to that one old process), runs the server's update hook,
// reports kUpdateReady and waits until it holds the old version's endpoint
// (rs's swap; kCommitTag only wakes it), then serves.
//
// Entry points: sys::update_agent_dispatch, sys::update_agent_start.
#include <libupdate/platform.h>
#include <libupdate/program_model.h>
#include <libupdate/quiescence.h>
#include <libupdate/runtime_root.h>
#include <libupdate/text.h>
#include <libupdate/transfer.h>
#include <libupdate/update_policy.h>
#include <protocol/rs.h>
#include <protocol/update.h>
#include <sys/admission.h>
#include <sys/heap.h>
#include <sys/cstring.h>
#include <sys/grant.h>
#include <sys/server.h>
#include <sys/stdio.h>
#include <sys/update_agent.h>

#include "update_fault.h"

namespace sys {
namespace {

using neurath::Error;
using neurath::kRs;
using neurath::Message;
namespace pu = protocol::update;
namespace prs = protocol::rs;

char state_filter_text[prs::kMaxStateFilter];
TransferFigures own_transfer;

bool notified(const Message& message, uint32_t tag) {
    if (message.type != neurath::kmsg::kNotify) return false;
    return (neurath::payload_of<neurath::NotifyPayload>(message).pending_bits >> tag) & 1;
}

// While an update is pending, only the kernel and rs get through.
Admission hold_for_update(const Message& message, void*) {
    if (message.source == neurath::kKernel || message.source == kRs) return Admission::Deliver;
    return Admission::Hold;
}

void stop_holding() {
    libupdate::quiescence_cancel();
    set_admission_gate(nullptr, nullptr);
}

// Waits for rs's verdict on a parked old version: returns on kAbortTag (the
// old version carries on); a commit never returns (rs ends this process).
void wait_for_abort() {
    for (;;) {
        Message message;
        if (receive(kRs, message).is_error()) continue;
        if (notified(message, pu::kAbortTag)) return;
    }
}

void park(const lu_quiescent_point*, void*) {
    // Parked, this version receives from rs alone until it is ended or
    // resumed, so the gate has nothing left to hold back. (The gate is not
    // transferred either way: libsys marks it lu.no_transfer.) A resumed
    // version runs on without a gate (stop_holding below).
    set_admission_gate(nullptr, nullptr);
    Message parked{};
    parked.type = prs::kUpdateParked;
    neurath::payload_of<prs::UpdateParked>(parked).runtime_root =
        reinterpret_cast<uint64_t>(&libupdate::runtime_root());
    Result<void> told = sendrec(kRs, parked);
    if (told.ok() && parked.type == protocol::kReplyOk) wait_for_abort();
    else log("update agent: rs did not take the report that the server is parked; carrying on\n");
    stop_holding();
}

void write_error_text(const protocol::GrantRef& where, const char* text) {
    if (where.length == 0) return;
    const size_t length = str::strnlen(text, where.length - 1);
    (void)copy_to_grant(kRs, where, 0, text, length);
    const char terminator = '\0';
    (void)copy_to_grant(kRs, where, length, &terminator, 1);
}

void prepare(const Message& request, Message& reply) {
    const auto& in = neurath::payload_of<pu::PrepareRequest>(request);
    if (libupdate::quiescence_pending()) {
        write_error_text(in.error_text, "an update is already being prepared");
        reply.type = protocol::reply_type_for(Error::Busy);
        return;
    }
    str::memset(state_filter_text, 0, sizeof state_filter_text);
    if (in.state_filter.length >= sizeof state_filter_text) {
        write_error_text(in.error_text, "state filter too long");
        reply.type = protocol::reply_type_for(Error::NameTooLong);
        return;
    }
    if (in.state_filter.length > 0 &&
        copy_from_grant(kRs, in.state_filter, 0, state_filter_text, in.state_filter.length).is_error()) {
        reply.type = protocol::reply_type_for(Error::BadAddress);
        return;
    }
    libupdate::QuiescenceRequest quiescence;
    quiescence.state_filter = state_filter_text;
    quiescence.park = park;
    libupdate::Result<void> requested = libupdate::quiescence_request(quiescence);
    if (!requested.ok()) {
        write_error_text(in.error_text, requested.error().text);
        reply.type = protocol::reply_type_for(requested.error().code);
        return;
    }
    set_admission_gate(hold_for_update, nullptr);
}

// --- the new version -----------------------------------------------------

// The old version's memory, seen through ProcMemoryRead. It is parked and
// cannot change while the transfer runs, so small reads (metadata records,
// names) are served from a cache of whole pages: one kernel call per page
// instead of one per record. Larger reads go straight to the kernel.
class OldVersionMemory {
public:
    explicit OldVersionMemory(Endpoint old_version) : old_version_(old_version) {}
    ~OldVersionMemory() { libupdate::platform_release(pages_); }

    libupdate::Result<void> read(uint64_t address, void* out, size_t size) {
        const uint64_t page = address / kPageSize;
        const bool one_page = (address + size - 1) / kPageSize == page;
        if (size == 0 || size > kSmallRead || !one_page || !cache_ready()) return read_directly(address, out, size);
        CachedPage& slot = pages_[page % kCachedPages];
        if (slot.page != page) {
            TRY(read_directly(page * kPageSize, slot.bytes, kPageSize));
            slot.page = page;
        }
        str::memcpy(out, slot.bytes + (address % kPageSize), size);
        return {};
    }

    static libupdate::Result<void> read_thunk(void* self, uint64_t address, void* out, size_t size) {
        return static_cast<OldVersionMemory*>(self)->read(address, out, size);
    }

    // The heap banks (sys/heap.h) hold only the heap: memory there no object
    // covers is its free space. Anything else is the image, the stack or
    // device memory.
    static const char* not_heap_memory(void*, uint64_t address) {
        const bool in_heap_banks = address >= sys::kHeapBase && address - sys::kHeapBase < sys::kHeapBanks * sys::kHeapBankStride;
        return in_heap_banks ? nullptr : "not the old version's heap (its image, stack or device memory)";
    }

private:
    static constexpr uint64_t kPageSize = 4096;
    static constexpr size_t kCachedPages = 64;
    static constexpr size_t kSmallRead = 512;
    struct CachedPage {
        uint64_t page;
        uint8_t bytes[kPageSize];
    };

    libupdate::Result<void> read_directly(uint64_t address, void* out, size_t size) {
        Result<void> read = proc_memory_read(old_version_, address, out, size);
        if (read.ok()) return {};
        libupdate::UpdateError error;
        error.code = read.error();
        libupdate::TextBuilder(error.text, libupdate::kErrorTextSize)
            .add("cannot read the old version's memory at ")
            .add_hex(address)
            .add(" (")
            .add_unsigned(size)
            .add(" bytes): ")
            .add(neurath::error_name(read.error()));
        return error;
    }

    bool cache_ready() {
        if (pages_) return true;
        pages_ = static_cast<CachedPage*>(libupdate::platform_allocate(sizeof(CachedPage) * kCachedPages));
        if (!pages_) return false;  // no room for a cache: read directly
        for (size_t i = 0; i < kCachedPages; ++i) pages_[i].page = ~uint64_t{0};
        return true;
    }

    Endpoint old_version_;
    CachedPage* pages_ = nullptr;
};

Result<prs::TransferOrder> ask_for_transfer_order() {
    Message message{};
    message.type = prs::kUpdateLoaded;
    TRY(sendrec(kRs, message));
    if (message.type != protocol::kReplyOk) return protocol::error_of_reply(message.type);
    return neurath::payload_of<prs::TransferOrder>(message);
}

libupdate::TransferOptions options_from(const libupdate::UpdatePolicy* policy, uint32_t flags) {
    libupdate::TransferOptions options;
    if (policy) static_cast<libupdate::TransferHooks&>(options) = *policy;
    options.round_trip = (flags & prs::kUpdateRoundTrip) != 0;
    return options;
}

struct TransferOutcome {
    Error error = Error::None;
    char text[pu::kMaxErrorText] = {};
    libupdate::TransferStats stats;
    uint64_t check_ns = 0;
};

void fail(TransferOutcome& outcome, Error error, const char* text) {
    outcome.error = error;
    str::strlcpy(outcome.text, text, sizeof outcome.text);
}

void transfer(const prs::TransferOrder& order, const libupdate::UpdatePolicy* policy, UpdateStep after,
              const libupdate::ProgramModel* own_model, TransferOutcome& outcome) {
    OldVersionMemory old_memory(order.old_version);
    libupdate::MemoryReader reader;
    reader.read = OldVersionMemory::read_thunk;
    reader.not_heap_memory = OldVersionMemory::not_heap_memory;
    reader.context = &old_memory;
    inject_update_fault(UpdateFault::CrashInit);
    inject_update_fault(UpdateFault::HangInit);
    if (update_fault_is(UpdateFault::FailInit)) return fail(outcome, Error::NotSupported, "initialisation failed (injected fault)");
    libupdate::TransferOptions options = options_from(policy, order.flags);
    options.own_model = own_model;
    libupdate::Result<libupdate::TransferStats> moved = libupdate::transfer_state(reader, order.runtime_root, options);
    if (!moved.ok()) return fail(outcome, moved.error().code, moved.error().text);
    outcome.stats = moved.value();
    inject_update_fault(UpdateFault::CrashAfterTransfer);
    const uint64_t hook_started = uptime_ns();
    set_admission_gate(nullptr, nullptr);  // the old version's gate came over with the state
    if (update_fault_is(UpdateFault::BadInvariant))
        return fail(outcome, Error::InvalidArgument, "state check: invariant 'injected' does not hold");
    Result<void> hooked = after.run ? after.run(after.context) : Result<void>{};
    outcome.check_ns = outcome.stats.check_ns + (uptime_ns() - hook_started);
    if (hooked.is_error()) return fail(outcome, hooked.error(), "the server's update hook failed");
}

neurath::Message ready_message(const TransferOutcome& outcome) {
    Message message{};
    message.type = prs::kUpdateReady;
    auto& ready = neurath::payload_of<prs::UpdateReady>(message);
    ready.status = protocol::reply_type_for(outcome.error);
    ready.objects = outcome.stats.globals + outcome.stats.heap_objects;
    ready.bytes = outcome.stats.bytes;
    ready.pointers = outcome.stats.pointers;
    ready.check_ns = outcome.check_ns;
    return message;
}

// A failed transfer: rs copies the text before it answers, then ends this
// process (which also ends by itself, as a start that failed).
Result<void> report_failure(const TransferOutcome& outcome) {
    Message message = ready_message(outcome);
    const size_t length = str::strnlen(outcome.text, sizeof outcome.text) + 1;
    Grant text = TRY(Grant::create(kRs, outcome.text, length, neurath::kGrantRead));
    neurath::payload_of<prs::UpdateReady>(message).error_text = text.ref();
    TRY(sendrec(kRs, message));  // rs has copied the text when it answers
    return outcome.error;
}

Result<void> report(const TransferOutcome& outcome) {
    if (outcome.error != Error::None) return report_failure(outcome);
    Message message = ready_message(outcome);
    TRY(sendrec(kRs, message));
    if (message.type != protocol::kReplyOk) return protocol::error_of_reply(message.type);
    return {};
}

// Keeps a message that reached the new version in the moment between the
// commit and its first receive: it is served first, like the held ones.
void hold_early_message(const Message& message) {
    if (message.source == kRs && message.type == neurath::kmsg::kNotify) return;  // the commit's wake-up
    if (!hold_or_refuse(message))
        log("update agent: kernel message %d arrived with the held-message queue full; it is lost\n", message.type);
}

// Committed means: this process now holds the endpoint of the version it
// replaces, which only rs's ProcSwapEndpoints can have done. rs's kCommitTag
// only wakes us; it comes from whichever endpoint rs has by then (when rs
// replaces itself, from the old rs at its new endpoint). Before the commit
// nothing but rs has business with this process: other messages are dropped.
Result<void> wait_for_commit(Endpoint replaced) {
    for (;;) {
        Message message;
        TRY(receive(neurath::kAny, message));
        if (self_endpoint() != replaced) continue;
        hold_early_message(message);
        return {};
    }
}

}  // namespace

bool update_agent_dispatch(const Message& request, Message& reply, bool& send_reply) {
    send_reply = false;
    if (request.type == pu::kPrepare) {
        prepare(request, reply);
        send_reply = true;
        return true;
    }
    if (request.type == neurath::kmsg::kNotify) {  // rs's notifications are all the agent's
        if (notified(request, pu::kAbortTag)) stop_holding();  // the deadline passed before we parked
        return true;  // a commit wake-up arriving after the commit: nothing to do
    }
    return false;
}

TransferFigures update_agent_own_transfer() { return own_transfer; }

Result<void> update_agent_start(const libupdate::UpdatePolicy* policy, UpdateStep after_transfer) {
    // This version's own metadata does not change: loaded now, while the old
    // version still serves, it costs clients nothing (null on failure: the
    // transfer loads it itself and reports what is wrong).
    libupdate::ProgramModel own_model;
    const bool own_model_loaded = own_model.load_local().ok();
    const prs::TransferOrder order = TRY(ask_for_transfer_order());
    TransferOutcome outcome;
    transfer(order, policy, after_transfer, own_model_loaded ? &own_model : nullptr, outcome);
    own_transfer = {outcome.stats.globals + outcome.stats.heap_objects, outcome.stats.bytes, outcome.stats.pointers,
                    outcome.check_ns};
    if (outcome.error != Error::None) log("update agent: the new version cannot take over: %s\n", outcome.text);
    TRY(report(outcome));
    return wait_for_commit(order.old_version);
}

}  // namespace sys
