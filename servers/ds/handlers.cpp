// handlers.cpp — one handler per data-store request: validate the request,
// move values through the client's grant, apply it to the DataStore.
#include "handlers.h"

#include <sys/cstring.h>
#include <sys/grant.h>

namespace ds {
namespace pd = protocol::ds;
using neurath::Error;
using neurath::Message;
using neurath::payload_of;
using sys::Disposition;

namespace {

Result<Disposition> handle_publish(DsState& state, const Message& request, Message&) {
    const auto& in = payload_of<pd::PublishRequest>(request);
    TRY(validate_key(in.key));
    if (in.value.length > kMaxValue) return Error::TooBig;
    uint8_t value[kMaxValue];
    TRY(sys::copy_from_grant(request.source, in.value, 0, value, in.value.length));
    TRY(state.store.publish(request.source, in.key, value, in.value.length));
    return Disposition::Reply;
}

Result<Disposition> handle_lookup(DsState& state, const Message& request, Message& reply) {
    const auto& in = payload_of<pd::LookupRequest>(request);
    TRY(validate_key(in.key));
    const StoreEntry* entry = TRY(state.store.lookup(in.key));
    if (entry->kind != EntryKind::Value) return Error::InvalidArgument;
    const uint64_t copied = sys::min<uint64_t>(entry->value_length, in.value.length);
    TRY(sys::copy_to_grant(request.source, in.value, 0, entry->value, copied));
    payload_of<pd::LookupReply>(reply).length = entry->value_length;
    return Disposition::Reply;
}

Result<Disposition> handle_delete(DsState& state, const Message& request, Message&) {
    const auto& in = payload_of<pd::DeleteRequest>(request);
    TRY(validate_key(in.key));
    TRY(state.store.remove(request.source, in.key));
    return Disposition::Reply;
}

Result<Disposition> handle_bind(DsState& state, const Message& request, Message&) {
    const auto& in = payload_of<pd::BindRequest>(request);
    TRY(validate_key(in.key));
    TRY(state.store.bind(request.source, in.key, in.endpoint));
    return Disposition::Reply;
}

Result<Disposition> handle_resolve(DsState& state, const Message& request, Message& reply) {
    const auto& in = payload_of<pd::ResolveRequest>(request);
    TRY(validate_key(in.key));
    payload_of<pd::ResolveReply>(reply).endpoint = TRY(state.store.resolve(in.key));
    return Disposition::Reply;
}

pd::ListEntry list_entry_of(const StoreEntry& entry) {
    pd::ListEntry out;
    sys::str::memset(&out, 0, sizeof out);
    sys::str::strlcpy(out.key, entry.key, sizeof out.key);
    out.kind = entry.kind;
    out.endpoint = entry.kind == EntryKind::Binding ? entry.endpoint : neurath::kNone;
    out.value_length = entry.value_length;
    out.owner = entry.owner;
    return out;
}

Result<Disposition> handle_list(DsState& state, const Message& request, Message& reply) {
    const auto& in = payload_of<pd::ListRequest>(request);
    const uint64_t capacity = in.entries.length / sizeof(pd::ListEntry);
    uint32_t written = 0;
    for (size_t index = in.first; written < capacity && index < state.store.size(); ++index, ++written) {
        const pd::ListEntry out = list_entry_of(*state.store.at(index));
        TRY(sys::copy_to_grant(request.source, in.entries, written * sizeof out, &out, sizeof out));
    }
    auto& out = payload_of<pd::ListReply>(reply);
    out.count = written;
    out.total = static_cast<uint32_t>(state.store.size());
    return Disposition::Reply;
}

}  // namespace

sys::DispatchTable<DsState> make_table() {
    sys::DispatchTable<DsState> table(protocol::kDsBase);
    table.on(pd::kPublish, handle_publish)
        .on(pd::kLookup, handle_lookup)
        .on(pd::kDelete, handle_delete)
        .on(pd::kList, handle_list)
        .on(pd::kBind, handle_bind)
        .on(pd::kResolve, handle_resolve);
    return table;
}

}  // namespace ds
