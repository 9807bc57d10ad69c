// ds.h — data store protocol (endpoint neurath::kDs).
//
// Two kinds of entries share one key space: values (byte strings of at most
// kMaxValue bytes, moved through grants) and endpoint bindings (name ->
// endpoint). Keys are NUL-terminated, 1..kMaxKey-1 printable characters,
// carried inline. An entry may be replaced or deleted only by the endpoint
// that published it (or rs).
//
// Versions: ds (the boot version) answers kCount with BadMessage; ds.next
// (/sbin/ds.next, servers/ds/versions/next.patch) and later count the
// entries under a key prefix.
#pragma once

#include <protocol/common.h>

namespace protocol::ds {

inline constexpr uint32_t kMaxKey = 32;     // including NUL
inline constexpr uint32_t kMaxValue = 256;

inline constexpr int32_t kPublish = kDsBase + 0;
inline constexpr int32_t kLookup = kDsBase + 1;
inline constexpr int32_t kDelete = kDsBase + 2;
inline constexpr int32_t kList = kDsBase + 3;
inline constexpr int32_t kBind = kDsBase + 4;
inline constexpr int32_t kResolve = kDsBase + 5;
inline constexpr int32_t kCount = kDsBase + 6;  // ds.next and later
inline constexpr int32_t kRequestCount = 7;

enum class EntryKind : uint32_t { Value = 1, Binding = 2 };

struct PublishRequest {
    char key[kMaxKey];
    GrantRef value;       // read grant, length <= kMaxValue
};
struct LookupRequest {
    char key[kMaxKey];
    GrantRef value;       // write grant receiving the value
};
struct LookupReply {
    uint64_t length;      // full value length (may exceed the grant: truncated copy)
};
struct DeleteRequest {
    char key[kMaxKey];
};
struct BindRequest {
    char key[kMaxKey];
    Endpoint endpoint;
};
struct ResolveRequest {
    char key[kMaxKey];
};
struct ResolveReply {
    Endpoint endpoint;
};

// Writes ListEntry records for entries [first, first + capacity) in key order.
struct ListRequest {
    GrantRef entries;     // write grant over an array of ListEntry
    uint32_t first;
    uint32_t reserved;
};
struct ListReply {
    uint32_t count;
    uint32_t total;
};
struct ListEntry {
    char key[kMaxKey];
    EntryKind kind;
    Endpoint endpoint;    // Binding: the bound endpoint; Value: kNone
    uint32_t value_length;
    Endpoint owner;
};
static_assert(sizeof(ListEntry) == 48);

// Counts the entries whose key starts with `prefix` (all of them for "").
struct CountRequest {
    char prefix[kMaxKey];  // NUL-terminated, printable, may be empty
};
struct CountReply {
    uint32_t values;
    uint32_t bindings;
};

struct EmptyReply {};

static_assert(kIsPayload<PublishRequest> && kIsPayload<LookupRequest> && kIsPayload<LookupReply>);
static_assert(kIsPayload<DeleteRequest> && kIsPayload<BindRequest> && kIsPayload<ResolveRequest>);
static_assert(kIsPayload<ResolveReply> && kIsPayload<ListRequest> && kIsPayload<ListReply>);
static_assert(kIsPayload<CountRequest> && kIsPayload<CountReply>);

}  // namespace protocol::ds
