// ready_queues.h — one FIFO per priority level (0 = highest) of runnable
// items linked through `next_ready`/`queued` fields. Pure logic
// (host-testable), used by the scheduler with Process.
//
// Entry points: ReadyQueues<T, Levels>::push_back, push_front, remove,
// pop_highest, empty.
// Invariants: an item is in at most one queue (`queued`); round robin within
// a level comes from pop_highest + push_back.
#pragma once

#include <stdint.h>

namespace kernel {

template <typename T, uint32_t Levels>
class ReadyQueues {
public:
    void push_back(T& item, uint32_t level) {
        if (item.queued) return;
        item.queued = true;
        item.next_ready = nullptr;
        if (tails_[level] != nullptr) tails_[level]->next_ready = &item;
        else heads_[level] = &item;
        tails_[level] = &item;
    }
    void push_front(T& item, uint32_t level) {
        if (item.queued) return;
        item.queued = true;
        item.next_ready = heads_[level];
        heads_[level] = &item;
        if (tails_[level] == nullptr) tails_[level] = &item;
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
        item.queued = false;
        item.next_ready = nullptr;
    }
    T* pop_highest() {
        for (uint32_t level = 0; level < Levels; ++level) {
            T* item = heads_[level];
            if (item == nullptr) continue;
            heads_[level] = item->next_ready;
            if (heads_[level] == nullptr) tails_[level] = nullptr;
            item->queued = false;
            item->next_ready = nullptr;
            return item;
        }
        return nullptr;
    }
    bool empty() const {
        for (uint32_t level = 0; level < Levels; ++level) {
            if (heads_[level] != nullptr) return false;
        }
        return true;
    }

private:
    T* heads_[Levels] = {};
    T* tails_[Levels] = {};
};

}  // namespace kernel
