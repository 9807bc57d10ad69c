// bounded_queue.h — a fixed-capacity FIFO of trivially copyable items (the
// per-process queue of kernel-originated messages). Pure logic.
//
// Entry points: BoundedQueue<T, N>::push (false when full), pop, empty, size.
#pragma once

#include <stddef.h>

namespace kernel {

template <typename T, size_t Capacity>
class BoundedQueue {
public:
    bool push(const T& item) {
        if (count_ == Capacity) return false;
        items_[(head_ + count_) % Capacity] = item;
        ++count_;
        return true;
    }
    bool pop(T& out) {
        if (count_ == 0) return false;
        out = items_[head_];
        head_ = (head_ + 1) % Capacity;
        --count_;
        return true;
    }
    bool empty() const { return count_ == 0; }
    size_t size() const { return count_; }
    void clear() { head_ = count_ = 0; }

private:
    T items_[Capacity];
    size_t head_ = 0;
    size_t count_ = 0;
};

}  // namespace kernel
