// ready_queues.h — one FIFO per priority level (0 = highest) of runnable
// items linked through `next_ready`/`queued` fields. Pure logic
// (host-testable), used by the scheduler with Process.
//
// Entry points: ReadyQueues<T, Levels>::push_back, push_front, remove,
// pop_highest, empty, any_above(level).
// Invariants: an item is in at most one queue (`queued`); round robin within
// a level comes from pop_highest + push_back; bit L of `occupied_` is set
// exactly when level L's queue is non-empty (so the highest level is one
// bit scan away).
#pragma once

#include <stdint.h>

namespace kernel {

template <typename T, uint32_t Levels>
class ReadyQueues {
    static_assert(Levels >= 1 && Levels <= 32, "one bit per level in a 32-bit mask");

public:
    void push_back(T& item, uint32_t level) {
        if (item.queued) return;
        item.queued = true;
        item.next_ready = nullptr;
        if (tails_[level] != nullptr) tails_[level]->next_ready = &item;
        else heads_[level] = &item;
        tails_[level] = &item;
        occupied_ |= 1u << level;
    }
    void push_front(T& item, uint32_t level) {
        if (item.queued) return;
        item.queued = true;
        item.next_ready = heads_[level];
        heads_[level] = &item;
        if (tails_[level] == nullptr) tails_[level] = &item;
        occupied_ |= 1u << level;
    }
    void remove(T& item, uint32_t level) {
        if (!item.queued) return;
        T* previous = nullptr;
        for (T* cursor = heads_[level]; cursor != nullptr; previous = cursor, cursor = cursor->next_ready) {
            if (cursor != &item) continue;
            if (previous != nullptr) previous->next_ready = cursor->next_ready;
            else heads_[level] = cursor->next_ready;
            if (tails_[level] == cursor) tails_[level] = previous;
            break;
        }
        if (heads_[level] == nullptr) occupied_ &= ~(1u << level);
        item.queued = false;
        item.next_ready = nullptr;
    }
    T* pop_highest() {
        if (occupied_ == 0) return nullptr;
        uint32_t level = static_cast<uint32_t>(__builtin_ctz(occupied_));
        T* item = heads_[level];
        heads_[level] = item->next_ready;
        if (heads_[level] == nullptr) {
            tails_[level] = nullptr;
            occupied_ &= ~(1u << level);
        }
        item->queued = false;
        item->next_ready = nullptr;
        return item;
    }
    bool empty() const { return occupied_ == 0; }
    // True when some item waits at a level numerically below `level` (a higher priority).
    bool any_above(uint32_t level) const { return (occupied_ & ((1u << level) - 1)) != 0; }

private:
    T* heads_[Levels] = {};
    T* tails_[Levels] = {};
    uint32_t occupied_ = 0;
};

}  // namespace kernel
