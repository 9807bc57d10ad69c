// result.h — the kernel's Result<T> (a value or a neurath::Error) and TRY.
//
// Entry points: kernel::Result<T>, kernel::Result<void>, TRY(expr).
//   Result<Frame> allocate();            return frame; / return Error::NoMemory;
//   Frame f = TRY(allocate());           // propagates the error to the caller
// Values must be default-constructible and copyable (the kernel only stores
// plain data in results); Result is [[nodiscard]] so a dropped error does not
// compile under -Werror. Compiles freestanding and on the host.
#pragma once

#include <neurath/error.h>

namespace kernel {

using neurath::Error;

template <typename T>
class [[nodiscard]] Result {
public:
    Result(const T& value) : value_(value), error_(Error::None) {}
    Result(Error error) : value_(), error_(error) {}

    bool ok() const { return error_ == Error::None; }
    bool is_error() const { return error_ != Error::None; }
    Error error() const { return error_; }
    T& value() { return value_; }
    const T& value() const { return value_; }

private:
    T value_;
    Error error_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() : error_(Error::None) {}
    Result(Error error) : error_(error) {}

    bool ok() const { return error_ == Error::None; }
    bool is_error() const { return error_ != Error::None; }
    Error error() const { return error_; }
    void value() const {}

private:
    Error error_;
};

}  // namespace kernel

// TRY(expr): evaluate a Result; on error return that error from the enclosing
// function, otherwise yield the value.
#define TRY(expression)                                   \
    ({                                                    \
        auto try_result_ = (expression);                  \
        if (try_result_.is_error()) return try_result_.error(); \
        try_result_.value();                              \
    })
