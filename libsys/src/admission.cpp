// admission.cpp — the admission gate and the held-message queue (admission.h).
#include <sys/admission.h>

namespace sys {
namespace {
// The gate is this process's plumbing (the update agent's, while an update
// is pending), not server state: a new version of an update starts without
// one. The held messages in the queue are state, and are transferred.
[[clang::annotate("lu.no_transfer")]] AdmissionGate installed_gate = nullptr;
[[clang::annotate("lu.no_transfer")]] void* installed_context = nullptr;
}  // namespace

void set_admission_gate(AdmissionGate gate, void* context) {
    installed_gate = gate;
    installed_context = context;
}

Admission admission_of(const neurath::Message& message) {
    return installed_gate ? installed_gate(message, installed_context) : Admission::Deliver;
}

bool AdmissionQueue::take_admitted(neurath::Message& out) {
    for (size_t i = 0; i < count_; ++i) {
        if (admission_of(held_[i]) != Admission::Deliver) continue;
        out = held_[i];
        for (size_t j = i + 1; j < count_; ++j) held_[j - 1] = held_[j];
        --count_;
        return true;
    }
    return false;
}

bool AdmissionQueue::hold(const neurath::Message& message) {
    if (count_ == kCapacity) return false;
    held_[count_++] = message;
    return true;
}

AdmissionQueue& admission_queue() {
    static AdmissionQueue queue;
    return queue;
}

}  // namespace sys
