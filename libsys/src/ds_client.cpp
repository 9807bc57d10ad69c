// ds_client.cpp — client stubs for the data store.
#include <sys/call.h>
#include <sys/cstring.h>
#include <sys/ds_client.h>
#include <sys/grant.h>

namespace sys::ds {
namespace pd = protocol::ds;
using neurath::kDs;
using neurath::kGrantRead;
using neurath::kGrantWrite;

namespace {
// Copies a key into a fixed protocol field; InvalidArgument/NameTooLong on bad keys.
Result<void> copy_key(const char* key, char (&field)[pd::kMaxKey]) {
    const size_t length = str::strlen(key);
    if (length == 0) return Error::InvalidArgument;
    if (length >= pd::kMaxKey) return Error::NameTooLong;
    str::memset(field, 0, sizeof field);
    str::memcpy(field, key, length);
    return {};
}
}  // namespace

Result<void> publish(const char* key, const void* value, size_t length) {
    if (length > pd::kMaxValue) return Error::TooBig;
    pd::PublishRequest request{};
    TRY(copy_key(key, request.key));
    Grant grant = TRY(Grant::create(kDs, value, length, kGrantRead));
    request.value = grant.ref();
    return call_status(kDs, pd::kPublish, request);
}

Result<size_t> lookup(const char* key, void* value, size_t capacity) {
    pd::LookupRequest request{};
    TRY(copy_key(key, request.key));
    Grant grant = TRY(Grant::create(kDs, value, capacity, kGrantWrite));
    request.value = grant.ref();
    auto reply = TRY(call<pd::LookupReply>(kDs, pd::kLookup, request));
    return static_cast<size_t>(reply.length);
}

Result<void> remove(const char* key) {
    pd::DeleteRequest request{};
    TRY(copy_key(key, request.key));
    return call_status(kDs, pd::kDelete, request);
}

Result<ListReply> list(ListEntry* entries, uint32_t capacity, uint32_t first) {
    Grant grant = TRY(Grant::create(kDs, entries, uint64_t{capacity} * sizeof(ListEntry), kGrantWrite));
    return call<ListReply>(kDs, pd::kList, pd::ListRequest{grant.ref(), first, 0});
}

Result<void> bind(const char* name, Endpoint endpoint) {
    pd::BindRequest request{};
    TRY(copy_key(name, request.key));
    request.endpoint = endpoint;
    return call_status(kDs, pd::kBind, request);
}

Result<Endpoint> resolve(const char* name) {
    pd::ResolveRequest request{};
    TRY(copy_key(name, request.key));
    auto reply = TRY(call<pd::ResolveReply>(kDs, pd::kResolve, request));
    return reply.endpoint;
}

Result<CountReply> count(const char* prefix) {
    pd::CountRequest request{};
    const size_t length = str::strlen(prefix);
    if (length >= pd::kMaxKey) return Error::NameTooLong;
    str::memcpy(request.prefix, prefix, length);
    return call<CountReply>(kDs, pd::kCount, request);
}

}  // namespace sys::ds
