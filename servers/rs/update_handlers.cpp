// update_handlers.cpp — rs's live-update requests and reports: decoding each
// message and handing it to the update manager (update_manager.h).
//
//   kUpdate         a user's update (UpdateSpec in a read grant)
//   kUpdateWait     progress of a transaction (deferred until there is news)
//   kUpdateHistory  every update since boot
//   kUpdateParked   an old version parked at its quiescent point
//   kUpdateLoaded   a new version asking for its transfer order (deferred)
//   kUpdateReady    a new version's transfer and check result
//   kmsg::kNotify   from the kernel: rs's alarm, a transaction's deadline
//
// Entry point: rs::add_update_routes.
#include <sys/grant.h>

#include "handlers.h"

namespace rs {
namespace {

namespace prs = protocol::rs;
using neurath::Message;
using neurath::payload_of;
using sys::Disposition;

Result<Disposition> handle_update(RsState& state, const Message& request, Message& reply) {
    const auto& in = payload_of<prs::UpdateRequest>(request);
    if (in.spec.length != sizeof(prs::UpdateSpec)) return neurath::Error::InvalidArgument;
    static prs::UpdateSpec spec;
    TRY(sys::copy_from_grant(request.source, in.spec, 0, &spec, sizeof spec));
    char why[prs::kUpdateErrorText] = {};
    Result<uint32_t> begun = state.updates.begin(state, spec, why, sizeof why);
    if (begun.is_error()) {
        const uint64_t length = in.error_text.length < sizeof why ? in.error_text.length : sizeof why;
        if (length > 0) {
            why[length - 1] = '\0';
            (void)sys::copy_to_grant(request.source, in.error_text, 0, why, length);
        }
        return begun.error();
    }
    payload_of<prs::UpdateReply>(reply).transaction = begun.value();
    return Disposition::Reply;
}

Result<Disposition> handle_update_wait(RsState& state, const Message& request, Message& reply) {
    return state.updates.wait(request.source, payload_of<prs::UpdateWaitRequest>(request), reply);
}

Result<Disposition> handle_update_history(RsState& state, const Message& request, Message& reply) {
    const auto& in = payload_of<prs::UpdateHistoryRequest>(request);
    const UpdateStore& store = state.updates.store();
    const uint64_t capacity = in.records.length / sizeof(prs::UpdateRecord);
    const uint32_t kept = store.history_count();
    const uint32_t first = capacity < kept ? kept - static_cast<uint32_t>(capacity) : 0;  // the newest ones
    uint32_t written = 0;
    for (uint32_t i = first; i < kept; ++i, ++written) {
        TRY(sys::copy_to_grant(request.source, in.records, written * sizeof(prs::UpdateRecord), &store.history_at(i),
                               sizeof(prs::UpdateRecord)));
    }
    payload_of<prs::UpdateHistoryReply>(reply) = {written, store.history_total()};
    return Disposition::Reply;
}

Result<Disposition> handle_parked(RsState& state, const Message& request, Message&) {
    state.updates.on_parked(state, request.source, payload_of<prs::UpdateParked>(request).runtime_root);
    return Disposition::NoReply;
}

Result<Disposition> handle_loaded(RsState& state, const Message& request, Message&) {
    return state.updates.on_loaded(state, request.source);
}

Result<Disposition> handle_ready(RsState& state, const Message& request, Message&) {
    state.updates.on_ready(state, request.source, payload_of<prs::UpdateReady>(request));
    return Disposition::NoReply;
}

Result<Disposition> handle_kernel_notification(RsState& state, const Message& request, Message&) {
    const uint64_t bits = payload_of<neurath::NotifyPayload>(request).pending_bits;
    if ((bits >> neurath::kAlarmTag) & 1) state.updates.on_alarm();
    return Disposition::NoReply;
}

}  // namespace

void add_update_routes(sys::DispatchTable<RsState>& table) {
    table.on(prs::kUpdate, handle_update)
        .on(prs::kUpdateWait, handle_update_wait)
        .on(prs::kUpdateHistory, handle_update_history)
        .on(prs::kUpdateParked, handle_parked)
        .on(prs::kUpdateLoaded, handle_loaded)
        .on(prs::kUpdateReady, handle_ready)
        .on(neurath::kmsg::kNotify, handle_kernel_notification);
}

}  // namespace rs
