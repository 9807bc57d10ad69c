// rs.h — supervisor protocol (endpoint neurath::kRs).
//
// ServiceList writes ServiceEntry records into a write grant. CrashService
// makes rs send common::kCrashInject to the named service (fault injection
// for tests); rs then observes the fault and restarts it at the same
// endpoint. Shutdown powers the machine off with the given code.
#pragma once

#include <neurath/syscall.h>
#include <protocol/common.h>

namespace protocol::rs {

inline constexpr int32_t kServiceList = kRsBase + 0;
inline constexpr int32_t kCrashService = kRsBase + 1;
inline constexpr int32_t kShutdown = kRsBase + 2;
inline constexpr int32_t kRequestCount = 3;

enum class ServiceState : uint32_t { Stopped = 0, Running = 1, Restarting = 2, Failed = 3 };

struct ServiceListRequest {
    GrantRef entries;
};
struct ServiceListReply {
    uint32_t count;
    uint32_t total;
};
struct ServiceEntry {
    char name[neurath::kNameLength];
    Endpoint endpoint;
    ServiceState state;
    uint32_t restarts;
    uint32_t reserved;
    uint64_t pid;
};
static_assert(sizeof(ServiceEntry) == 40);

struct CrashServiceRequest {
    char name[neurath::kNameLength];
};

struct ShutdownRequest {
    int32_t code;
};

struct EmptyReply {};

static_assert(kIsPayload<ServiceListRequest> && kIsPayload<ServiceListReply>);
static_assert(kIsPayload<CrashServiceRequest> && kIsPayload<ShutdownRequest>);

}  // namespace protocol::rs
