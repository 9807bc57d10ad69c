// handlers.cpp — one handler per kvd request (protocol/kv.h): validate the
// key, apply the request to the RecordTable, fill the reply.
#include "handlers.h"

namespace kvd {
namespace pk = protocol::kv;
using neurath::Message;
using neurath::payload_of;
using sys::Disposition;

namespace {

Result<Disposition> handle_put(KvState& state, const Message& request, Message& reply) {
    const auto& in = payload_of<pk::PutRequest>(request);
    TRY(validate_key(in.key));
    const bool created = TRY(state.records.put(in.key, in.value));
    payload_of<pk::PutReply>(reply) = {created ? 1u : 0u, 0};
    return Disposition::Reply;
}

Result<Disposition> handle_get(KvState& state, const Message& request, Message& reply) {
    const auto& in = payload_of<pk::GetRequest>(request);
    TRY(validate_key(in.key));
    payload_of<pk::GetReply>(reply).value = TRY(state.records.get(in.key));
    return Disposition::Reply;
}

Result<Disposition> handle_delete(KvState& state, const Message& request, Message&) {
    const auto& in = payload_of<pk::DeleteRequest>(request);
    TRY(validate_key(in.key));
    TRY(state.records.remove(in.key));
    return Disposition::Reply;
}

Result<Disposition> handle_count(KvState& state, const Message&, Message& reply) {
    payload_of<pk::CountReply>(reply).records = state.records.count();
    return Disposition::Reply;
}

}  // namespace

sys::DispatchTable<KvState> make_table() {
    sys::DispatchTable<KvState> table(protocol::kKvBase);
    table.on(pk::kPut, handle_put).on(pk::kGet, handle_get).on(pk::kDelete, handle_delete).on(pk::kCount, handle_count);
    return table;
}

}  // namespace kvd
