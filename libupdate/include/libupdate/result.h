// result.h — error values for the live-update runtime.
//
// Every fallible runtime call returns a [[nodiscard]] Result<T>. A failure
// carries one code from the closed neurath::Error enumeration plus a short
// human-readable text that names what failed (variable, type, field, filter
// position, ...). TRY(expr) unwraps a Result or returns its error from the
// calling function. Freestanding: no exceptions, no host headers.
//
// Entry points: UpdateError, make_error(), Result<T>, Result<void>, TRY.
#pragma once

#include <neurath/error.h>
#include <stddef.h>
#include <stdint.h>

namespace libupdate {

inline constexpr size_t kErrorTextSize = 240;

struct UpdateError {
    neurath::Error code = neurath::Error::None;
    char text[kErrorTextSize] = {};
};

// Build an error from up to four text pieces, concatenated (null pieces are skipped).
UpdateError make_error(neurath::Error code, const char* a, const char* b = nullptr,
                       const char* c = nullptr, const char* d = nullptr);

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : value_(static_cast<T&&>(value)), ok_(true) {}
    Result(const UpdateError& error) : error_(error), ok_(false) {}

    bool ok() const { return ok_; }
    const T& value() const { return value_; }
    T& value() { return value_; }
    T release_value() { return static_cast<T&&>(value_); }
    const UpdateError& error() const { return error_; }

private:
    T value_{};
    UpdateError error_{};
    bool ok_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() : ok_(true) {}
    Result(const UpdateError& error) : error_(error), ok_(false) {}

    bool ok() const { return ok_; }
    void release_value() {}
    const UpdateError& error() const { return error_; }

private:
    UpdateError error_{};
    bool ok_;
};

}  // namespace libupdate

// Unwrap a Result, or return its error from the enclosing function.
#define TRY(expression)                                   \
    ({                                                    \
        auto try_result_ = (expression);                  \
        if (!try_result_.ok()) return try_result_.error(); \
        try_result_.release_value();                      \
    })
