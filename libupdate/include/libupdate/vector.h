// vector.h — a growable array for the freestanding runtime.
//
// Vector<T> holds trivially-copyable elements in memory from the platform
// layer (never from the instrumented heap). Growth can fail: push() returns
// false when memory is exhausted, and callers turn that into an error.
//
// Entry points: Vector<T>::push, reserve, operator[], size, clear.
#pragma once

#include <libupdate/platform.h>
#include <stddef.h>

namespace libupdate {

template <typename T>
class Vector {
    static_assert(__is_trivially_copyable(T), "Vector holds trivially copyable elements");

public:
    Vector() = default;
    Vector(const Vector&) = delete;
    Vector& operator=(const Vector&) = delete;
    Vector(Vector&& other) { take(other); }
    Vector& operator=(Vector&& other) {
        if (this != &other) {
            release();
            take(other);
        }
        return *this;
    }
    ~Vector() { release(); }

    [[nodiscard]] bool reserve(size_t capacity) {
        if (capacity <= capacity_) return true;
        T* grown = static_cast<T*>(platform_allocate(capacity * sizeof(T)));
        if (!grown) return false;
        if (size_) platform_copy(grown, items_, size_ * sizeof(T));
        platform_release(items_);
        items_ = grown;
        capacity_ = capacity;
        return true;
    }
    [[nodiscard]] bool push(const T& item) {
        if (size_ == capacity_ && !reserve(capacity_ ? capacity_ * 2 : 8)) return false;
        items_[size_++] = item;
        return true;
    }
    // Grow to `count` elements, new ones zero-filled.
    [[nodiscard]] bool resize(size_t count) {
        if (!reserve(count)) return false;
        if (count > size_) platform_fill(items_ + size_, 0, (count - size_) * sizeof(T));
        size_ = count;
        return true;
    }
    void pop() { --size_; }
    void clear() { size_ = 0; }
    void remove_swap(size_t index) { items_[index] = items_[--size_]; }

    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    T& operator[](size_t i) { return items_[i]; }
    const T& operator[](size_t i) const { return items_[i]; }
    T* begin() { return items_; }
    T* end() { return items_ + size_; }
    const T* begin() const { return items_; }
    const T* end() const { return items_ + size_; }
    T& back() { return items_[size_ - 1]; }
    const T& back() const { return items_[size_ - 1]; }

private:
    void take(Vector& other) {
        items_ = other.items_;
        size_ = other.size_;
        capacity_ = other.capacity_;
        other.items_ = nullptr;
        other.size_ = other.capacity_ = 0;
    }
    void release() {
        platform_release(items_);
        items_ = nullptr;
        size_ = capacity_ = 0;
    }

    T* items_ = nullptr;
    size_t size_ = 0;
    size_t capacity_ = 0;
};

}  // namespace libupdate
