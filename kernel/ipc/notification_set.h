// notification_set.h — pending notification bits of one receiver, per
// source endpoint. Pure logic (host-testable).
//
// Entry points: NotificationSet::raise(source, tag), take(source) (bits of
// one source), take_any(source_out) (lowest source with bits pending),
// has_pending, clear.
// Invariants: tags are < 64; raising an already pending bit coalesces.
#pragma once

#include <neurath/endpoint.h>
#include <stdint.h>

namespace kernel {

class NotificationSet {
public:
    bool raise(neurath::Endpoint source, uint32_t tag) {
        if (source < 0 || source >= neurath::kMaxEndpoints || tag >= 64) return false;
        bits_[source] |= uint64_t{1} << tag;
        summary_[source / 64] |= uint64_t{1} << (source % 64);
        return true;
    }
    uint64_t take(neurath::Endpoint source) {
        if (source < 0 || source >= neurath::kMaxEndpoints) return 0;
        uint64_t bits = bits_[source];
        bits_[source] = 0;
        summary_[source / 64] &= ~(uint64_t{1} << (source % 64));
        return bits;
    }
    // Takes the bits of the lowest-numbered source with pending bits; returns 0 if none.
    uint64_t take_any(neurath::Endpoint& source) {
        for (int word = 0; word < kWords; ++word) {
            if (summary_[word] == 0) continue;
            source = word * 64 + __builtin_ctzll(summary_[word]);
            return take(source);
        }
        return 0;
    }
    bool has_pending(neurath::Endpoint source) const {
        return source >= 0 && source < neurath::kMaxEndpoints && bits_[source] != 0;
    }
    bool has_any() const {
        for (int word = 0; word < kWords; ++word) {
            if (summary_[word] != 0) return true;
        }
        return false;
    }
    void clear() {
        for (auto& b : bits_) b = 0;
        for (auto& s : summary_) s = 0;
    }

private:
    static constexpr int kWords = neurath::kMaxEndpoints / 64;
    uint64_t bits_[neurath::kMaxEndpoints] = {};
    uint64_t summary_[kWords] = {};
};

}  // namespace kernel
