// rs.h — supervisor protocol (endpoint neurath::kRs).
//
// ServiceList writes ServiceEntry records into a write grant. CrashService
// makes rs send common::kCrashInject to the named service (fault injection
// for tests); rs then observes the fault and restarts it at the same
// endpoint. Shutdown powers the machine off with the given code.
//
// Live update (docs/live-update.md): Update starts a transaction described by
// an UpdateSpec in a read grant and answers at once with its id (or an error,
// explained in the client's error_text grant; nothing changes then).
// UpdateWait answers, deferred until there is news, with the transaction's
// progress lines from `first_line` on and whether it finished (and how).
// UpdateHistory writes the newest UpdateRecord entries that fit, oldest first,
// and says how many updates there were since boot. UpdateParked and
// UpdateReady come from the processes being updated (protocol/update.h).
//
// Devices (servers/rs/device_claims.h): DeviceClaim gives a driver the PCI
// device the manifest binds it to, with bus mastering off; DeviceDmaEnable
// turns bus mastering on once the driver has reset the device.
#pragma once

#include <neurath/syscall.h>
#include <protocol/common.h>

namespace protocol::rs {

inline constexpr int32_t kServiceList = kRsBase + 0;
inline constexpr int32_t kCrashService = kRsBase + 1;
inline constexpr int32_t kShutdown = kRsBase + 2;
inline constexpr int32_t kUpdate = kRsBase + 3;
inline constexpr int32_t kUpdateWait = kRsBase + 4;
inline constexpr int32_t kUpdateHistory = kRsBase + 5;
inline constexpr int32_t kUpdateParked = kRsBase + 6;  // from the old version, parked
inline constexpr int32_t kUpdateReady = kRsBase + 7;   // from the new version, transfer done or failed
inline constexpr int32_t kUpdateLoaded = kRsBase + 8;  // from the new version, started in update mode
inline constexpr int32_t kServiceInfo = kRsBase + 9;   // rs version 2 (/sbin/rs.next); the boot rs: BadMessage
inline constexpr int32_t kDeviceClaim = kRsBase + 10;     // from a driver: its PCI device (DMA off)
inline constexpr int32_t kDeviceDmaEnable = kRsBase + 11; // from a driver that reset its device: bus mastering on
inline constexpr int32_t kRequestCount = 12;

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
    uint64_t version;   // build identity of the running binary (neurath::image_version)
};
static_assert(sizeof(ServiceEntry) == 48);

struct CrashServiceRequest {
    char name[neurath::kNameLength];
};

struct ShutdownRequest {
    int32_t code;
};

// One service's record in detail (answered from rs version 2 on).
struct ServiceInfoRequest {
    char name[neurath::kNameLength];
};
struct ServiceInfoReply {
    uint64_t started_ns;    // uptime when its current process started (first start, restart or update)
    uint64_t pid;
    uint32_t restarts;
    uint32_t updates;       // live updates committed since boot
};

struct EmptyReply {};

// --- live update -------------------------------------------------------------
inline constexpr uint32_t kMaxUpdateTargets = 6;
inline constexpr uint32_t kMaxUpdatePath = 96;
inline constexpr uint32_t kMaxStateFilter = 160;
inline constexpr uint32_t kUpdateLineLength = 256;  // room for a whole reason from libupdate
inline constexpr uint32_t kUpdateErrorText = 240;

inline constexpr uint32_t kUpdatePrepareOnly = 1u << 0;  // quiesce, report, resume the old version
inline constexpr uint32_t kUpdateRoundTrip = 1u << 1;    // also transfer back and compare before commit
inline constexpr uint32_t kUpdateUndo = 1u << 2;         // revert the last committed update (no binary)

struct UpdateTarget {
    char name[neurath::kNameLength];  // a service name, a program name, or a pid in decimal
    char binary[kMaxUpdatePath];      // path in vfs ("" with kUpdateUndo)
};
struct UpdateSpec {
    uint32_t target_count;            // 1 .. kMaxUpdateTargets (several: one all-or-nothing transaction)
    uint32_t flags;
    uint64_t timeout_ms;              // quiescence and per-phase deadline, guest time; 0: 2000
    char state_filter[kMaxStateFilter];  // "" : the default (parked at the quiescent point)
    UpdateTarget targets[kMaxUpdateTargets];
};

struct UpdateRequest {
    GrantRef spec;        // read grant over an UpdateSpec
    GrantRef error_text;  // write grant (kUpdateErrorText bytes): why the update was refused
};
struct UpdateReply {
    uint32_t transaction;
};

enum class UpdateResult : uint32_t { Running = 0, Committed = 1, RolledBack = 2, Prepared = 3 };

struct UpdateWaitRequest {
    uint32_t transaction;
    uint32_t first_line;  // lines already seen
    GrantRef lines;       // write grant over char[n][kUpdateLineLength]
};
struct UpdateWaitReply {
    uint32_t count;       // lines written
    UpdateResult result;  // Running until the transaction finished
};

enum class UpdatePhase : uint32_t { Load = 0, Quiesce = 1, Transfer = 2, Check = 3, Commit = 4, Count = 5 };

struct UpdateRecord {
    uint32_t transaction;
    UpdateResult result;
    char name[neurath::kNameLength];
    uint64_t old_version;
    uint64_t new_version;
    uint64_t phase_ns[static_cast<uint32_t>(UpdatePhase::Count)];
    uint64_t blackout_ns;           // longest a client request waited because of the update
    uint64_t state_bytes;           // old state read by the transfer
    char reason[kUpdateLineLength]; // why it rolled back ("" when committed)
};

struct UpdateHistoryRequest {
    GrantRef records;     // write grant over UpdateRecord[n]
};
struct UpdateHistoryReply {
    uint32_t count;       // records written
    uint32_t total;       // updates since boot (rs keeps the newest 64)
};

// From the old version, parked at its quiescent point.
struct UpdateParked {
    uint64_t runtime_root;  // address of its libupdate::RuntimeRoot
};
// From the new version once it runs in update mode (SendReceive); the reply,
// sent once the old version is parked, orders the transfer.
struct UpdateLoaded {};
struct TransferOrder {
    uint64_t runtime_root;  // the old version's libupdate::RuntimeRoot
    Endpoint old_version;   // whose memory to read (the state_source the new version was spawned with)
    uint32_t flags;         // kUpdateRoundTrip
};
// From the new version: transfer and checks done (status 0) or failed.
struct UpdateReady {
    int32_t status;         // 0 or -(neurath::Error)
    uint32_t reserved;
    GrantRef error_text;    // read grant over the failure's text (length 0: none)
    uint64_t objects;       // globals and heap objects transferred
    uint64_t bytes;         // old state bytes read
    uint64_t pointers;      // pointers relocated
    uint64_t check_ns;      // of which spent checking the new state (state check, invariants, server hook)
};

// Drivers (a manifest service with a `device` line): the device rs bound to
// the caller at boot. Anyone else: PermissionDenied. Empty requests.
struct DeviceClaimReply {
    uint16_t vendor;
    uint16_t device;
    uint8_t bus;
    uint8_t slot;
    uint8_t function;
    uint8_t irq;        // the IRQ line (IrqSubscribe)
    uint32_t io_base;   // BAR0: the I/O window (IoPortEnable)
    uint32_t io_size;
};

static_assert(kIsPayload<DeviceClaimReply>);
static_assert(kIsPayload<ServiceListRequest> && kIsPayload<ServiceListReply>);
static_assert(kIsPayload<CrashServiceRequest> && kIsPayload<ShutdownRequest>);
static_assert(kIsPayload<ServiceInfoRequest> && kIsPayload<ServiceInfoReply>);
static_assert(kIsPayload<UpdateRequest> && kIsPayload<UpdateReply> && kIsPayload<UpdateWaitRequest>);
static_assert(kIsPayload<UpdateWaitReply> && kIsPayload<UpdateHistoryRequest> && kIsPayload<UpdateHistoryReply>);
static_assert(kIsPayload<UpdateParked> && kIsPayload<UpdateReady> && kIsPayload<TransferOrder>);

}  // namespace protocol::rs
