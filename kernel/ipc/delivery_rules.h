// delivery_rules.h — when a message may reach a process, as pure decisions on
// plain values (host-testable): who may send to whom, which waiting process
// takes a message at once, and when a non-blocking send must fail.
//
// Entry points: ReceiveWait, accepts_message_from, accepts_unsolicited_from,
// waits_for_reply_from, check_send_allowed, check_deliverable_now.
// Invariants: a process inside SendReceive takes only the reply of the one
// process it asked (no notifications, no kernel messages); anyone may answer
// a process waiting for its reply, whatever its send mask; a non-blocking
// send is delivered only to a process waiting for the sender at that moment
// and otherwise fails with -NotReceiving, so the sender never waits on the
// destination (servers answer every request this way).
#pragma once

#include <neurath/endpoint.h>

#include "core/result.h"

namespace kernel {

// What a process is waiting for, as far as delivery is concerned.
struct ReceiveWait {
    bool receiving = false;       // blocked in Receive, or in SendReceive's reply phase
    bool awaiting_reply = false;  // that receive is SendReceive's reply phase
    neurath::Endpoint source = neurath::kNone;  // whom it receives from; kAny: anyone
};

inline bool accepts_message_from(const ReceiveWait& wait, neurath::Endpoint sender) {
    return wait.receiving && (wait.source == neurath::kAny || wait.source == sender);
}

// Notifications and kernel messages never count as the reply of a SendReceive.
inline bool accepts_unsolicited_from(const ReceiveWait& wait, neurath::Endpoint sender) {
    return accepts_message_from(wait, sender) && !wait.awaiting_reply;
}

inline bool waits_for_reply_from(const ReceiveWait& wait, neurath::Endpoint sender) {
    return wait.receiving && wait.awaiting_reply && wait.source == sender;
}

// Send, SendReceive and SendNonBlocking: allowed by the sender's send mask,
// or as the reply to a destination waiting for it. -PermissionDenied otherwise.
inline Result<void> check_send_allowed(bool in_send_mask, const ReceiveWait& destination, neurath::Endpoint sender) {
    if (in_send_mask || waits_for_reply_from(destination, sender)) return {};
    return Error::PermissionDenied;
}

// SendNonBlocking: the destination takes the message now or never.
// -NotReceiving when it is not blocked receiving from the sender (or anyone).
inline Result<void> check_deliverable_now(const ReceiveWait& destination, neurath::Endpoint sender) {
    if (accepts_message_from(destination, sender)) return {};
    return Error::NotReceiving;
}

}  // namespace kernel
