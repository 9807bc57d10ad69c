// kv.h — protocol of kvd, the key-value service in /bin (not a system
// server: it has no fixed endpoint; it binds kServiceName in ds and clients
// resolve that name to find it).
//
// Keys are NUL-terminated, 1..kMaxKey-1 printable characters (no spaces),
// values 64-bit unsigned integers; both travel inline, so no request needs
// a grant. Errors: InvalidArgument (bad key), NameTooLong (key fills its
// field), NotFound (no such key), NoSpace (kvd holds as many records as it
// can), TooBig (value wider than this kvd keeps).
//
// Versions: kvd (v1) keeps 32-bit values and refuses wider ones with TooBig,
// and answers kStats with BadMessage. kvd.v2 keeps all 64 bits and counts the
// writes of each record since it was created (or since the update that
// brought it to v2): kStats returns both.
#pragma once

#include <protocol/common.h>

namespace protocol::kv {

inline constexpr char kServiceName[] = "kvd";
inline constexpr uint32_t kMaxKey = 24;  // including NUL

inline constexpr int32_t kPut = kKvBase + 0;
inline constexpr int32_t kGet = kKvBase + 1;
inline constexpr int32_t kDelete = kKvBase + 2;
inline constexpr int32_t kCount = kKvBase + 3;
inline constexpr int32_t kStats = kKvBase + 4;  // v2 and later
inline constexpr int32_t kRequestCount = 5;

// Creates or replaces the record of `key`.
struct PutRequest {
    char key[kMaxKey];
    uint64_t value;
};
struct PutReply {
    uint32_t created;   // 1: the key was new; 0: its value was replaced
    uint32_t reserved;
};

struct GetRequest {
    char key[kMaxKey];
};
struct GetReply {
    uint64_t value;
};

struct DeleteRequest {
    char key[kMaxKey];
};

struct CountRequest {};
struct CountReply {
    uint64_t records;
};

struct StatsRequest {
    char key[kMaxKey];
};
struct StatsReply {
    uint64_t value;
    uint64_t writes;    // puts to this record since it was created (or updated to v2)
};

struct EmptyReply {};

static_assert(kIsPayload<PutRequest> && kIsPayload<PutReply> && kIsPayload<GetRequest> && kIsPayload<GetReply>);
static_assert(kIsPayload<DeleteRequest> && kIsPayload<CountRequest> && kIsPayload<CountReply>);
static_assert(kIsPayload<StatsRequest> && kIsPayload<StatsReply>);

}  // namespace protocol::kv
