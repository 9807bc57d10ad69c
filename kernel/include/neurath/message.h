// message.h — the one fixed-size IPC message every process exchanges.
//
// Shared by the kernel and user space. A message is 64 bytes: the sender's
// endpoint (filled in by the kernel, never trusted from the sender), a
// request/reply type, and a 56-byte payload that each protocol header
// reinterprets as one typed, size-checked struct per request
// (see protocol/include/protocol/*.h and message_cast below).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace neurath {

using Endpoint = int32_t;

inline constexpr size_t kMessageSize = 64;
inline constexpr size_t kPayloadSize = 56;

struct Message {
    Endpoint source;  // set by the kernel on delivery
    int32_t type;     // protocol-specific request or reply code
    alignas(8) uint8_t payload[kPayloadSize];
};
static_assert(sizeof(Message) == kMessageSize, "IPC messages are exactly 64 bytes");

// Every typed payload must fit and be trivially copyable.
template <typename Payload>
inline constexpr bool kIsPayload =
    sizeof(Payload) <= kPayloadSize && __is_trivially_copyable(Payload) && alignof(Payload) <= 8;

template <typename Payload>
Payload& payload_of(Message& m) {
    static_assert(kIsPayload<Payload>, "payload too large or not trivially copyable");
    return *reinterpret_cast<Payload*>(m.payload);
}
template <typename Payload>
const Payload& payload_of(const Message& m) {
    static_assert(kIsPayload<Payload>, "payload too large or not trivially copyable");
    return *reinterpret_cast<const Payload*>(m.payload);
}

// Message types below 0x100 are reserved for the kernel's own messages.
namespace kmsg {
inline constexpr int32_t kNotify = 0x01;         // a notification; payload: NotifyPayload
inline constexpr int32_t kProcessExited = 0x02;  // to supervisor; payload: ExitReport
inline constexpr int32_t kProcessFaulted = 0x03; // to supervisor; payload: FaultReport
}  // namespace kmsg

struct NotifyPayload {
    uint64_t pending_bits;  // bit i set: a notification from the sender with tag i (IRQ number for hardware)
};

struct ExitReport {
    Endpoint endpoint;
    int32_t status;
};

struct FaultReport {
    Endpoint endpoint;
    uint32_t vector;       // CPU exception vector
    uint64_t fault_address;
    uint64_t instruction;  // faulting RIP
    uint64_t error_code;
};

static_assert(kIsPayload<NotifyPayload> && kIsPayload<ExitReport> && kIsPayload<FaultReport>);

}  // namespace neurath
