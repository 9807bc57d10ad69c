// kv_client.cpp — client stubs for kvd.
#include "kv_client.h"

#include <sys/call.h>
#include <sys/cstring.h>
#include <sys/ds_client.h>

namespace kv {
namespace pk = protocol::kv;
namespace str = sys::str;
using neurath::Error;

namespace {
// Copies a key into a fixed protocol field; InvalidArgument/NameTooLong on bad keys.
Result<void> copy_key(const char* key, char (&field)[pk::kMaxKey]) {
    const size_t length = str::strlen(key);
    if (length == 0) return Error::InvalidArgument;
    if (length >= pk::kMaxKey) return Error::NameTooLong;
    str::memset(field, 0, sizeof field);
    str::memcpy(field, key, length);
    return {};
}
}  // namespace

Result<Endpoint> find(uint64_t wait_ns) {
    const uint64_t deadline = sys::uptime_ns() + wait_ns;
    for (;;) {
        const Result<Endpoint> found = sys::ds::resolve(pk::kServiceName);
        if (found.ok() || found.error() != Error::NotFound || sys::uptime_ns() >= deadline) return found;
        sys::yield();
    }
}

Result<bool> put(Endpoint kvd, const char* key, uint64_t value) {
    pk::PutRequest request{};
    TRY(copy_key(key, request.key));
    request.value = value;
    const pk::PutReply reply = TRY(sys::call<pk::PutReply>(kvd, pk::kPut, request));
    return reply.created != 0;
}

Result<uint64_t> get(Endpoint kvd, const char* key) {
    pk::GetRequest request{};
    TRY(copy_key(key, request.key));
    const pk::GetReply reply = TRY(sys::call<pk::GetReply>(kvd, pk::kGet, request));
    return reply.value;
}

Result<void> remove(Endpoint kvd, const char* key) {
    pk::DeleteRequest request{};
    TRY(copy_key(key, request.key));
    return sys::call_status(kvd, pk::kDelete, request);
}

Result<uint64_t> count(Endpoint kvd) {
    const pk::CountReply reply = TRY(sys::call<pk::CountReply>(kvd, pk::kCount, pk::CountRequest{}));
    return reply.records;
}

Result<StatsReply> stats(Endpoint kvd, const char* key) {
    pk::StatsRequest request{};
    TRY(copy_key(key, request.key));
    return sys::call<StatsReply>(kvd, pk::kStats, request);
}

}  // namespace kv
