// admission.h — holding incoming messages back while a server must not
// start new work (e.g. while it quiesces for a live update).
//
// A server framework loop asks the installed AdmissionGate about every
// message it receives; a held message is queued, in arrival order, and is
// delivered later, before anything newly received, once the gate admits
// it. With no gate installed every message is delivered at once. The
// sender of a held request simply waits longer for its reply: nothing is
// lost and nothing is reordered among held messages.
//
// Entry points: sys::set_admission_gate, sys::AdmissionQueue (the queue
// the framework uses; take_admitted / hold), sys::admission_queue().
#pragma once

#include <neurath/message.h>
#include <stddef.h>

namespace sys {

enum class Admission { Deliver, Hold };
using AdmissionGate = Admission (*)(const neurath::Message& message, void* context);

// Installs the gate (nullptr: deliver everything). Held messages already
// queued are re-examined by the next take_admitted().
void set_admission_gate(AdmissionGate gate, void* context);
Admission admission_of(const neurath::Message& message);

class AdmissionQueue {
public:
    static constexpr size_t kCapacity = 32;

    // Moves the oldest held message the gate now admits into `out`.
    bool take_admitted(neurath::Message& out);
    // Queues a held message; false when full (the caller must then refuse it).
    bool hold(const neurath::Message& message);
    size_t size() const { return count_; }

private:
    neurath::Message held_[kCapacity];
    size_t count_ = 0;
};

// The process's queue (one server loop per process).
AdmissionQueue& admission_queue();

}  // namespace sys
