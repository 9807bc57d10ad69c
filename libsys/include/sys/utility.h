// utility.h — the few language helpers freestanding code needs without a
// C++ standard library: move/forward, min/max, array length and placement new.
//
// Entry points: sys::move, sys::forward, sys::min, sys::max, sys::array_length.
#pragma once

#include <stddef.h>
#include <stdint.h>

// Placement new comes from <new> where a C++ library exists (host tests);
// the freestanding target declares it here.
#if __has_include(<new>)
#include <new>
#else
inline void* operator new(size_t, void* where) noexcept { return where; }
inline void* operator new[](size_t, void* where) noexcept { return where; }
#endif

namespace sys {

template <typename T> struct remove_reference { using type = T; };
template <typename T> struct remove_reference<T&> { using type = T; };
template <typename T> struct remove_reference<T&&> { using type = T; };

template <typename T>
constexpr typename remove_reference<T>::type&& move(T&& value) noexcept {
    return static_cast<typename remove_reference<T>::type&&>(value);
}

template <typename T>
constexpr T&& forward(typename remove_reference<T>::type& value) noexcept {
    return static_cast<T&&>(value);
}

template <typename T>
constexpr const T& min(const T& a, const T& b) { return b < a ? b : a; }

template <typename T>
constexpr const T& max(const T& a, const T& b) { return a < b ? b : a; }

template <typename T, size_t N>
constexpr size_t array_length(const T (&)[N]) { return N; }

constexpr uint64_t align_up(uint64_t value, uint64_t alignment) {
    return (value + alignment - 1) & ~(alignment - 1);
}

}  // namespace sys
