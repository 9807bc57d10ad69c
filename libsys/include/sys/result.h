// result.h — Result<T>: a value or a neurath::Error, and the TRY macro that
// propagates errors upwards.
//
// Entry points: sys::Result<T>, sys::Result<void>, TRY(expr).
//   Result<int> parse(...);           return 42; / return neurath::Error::NotFound;
//   int v = TRY(parse(...));          // returns the error from the caller on failure
// Result is [[nodiscard]]: a dropped error is a compile error under -Werror.
#pragma once

#include <neurath/error.h>
#include <sys/utility.h>

namespace sys {

using neurath::Error;

template <typename T>
class [[nodiscard]] Result {
public:
    Result(const T& value) : has_value_(true) { new (&storage_.value) T(value); }
    Result(T&& value) : has_value_(true) { new (&storage_.value) T(sys::move(value)); }
    Result(Error error) : has_value_(false) { storage_.error = error; }

    Result(Result&& other) : has_value_(other.has_value_) {
        if (has_value_) new (&storage_.value) T(sys::move(other.storage_.value));
        else storage_.error = other.storage_.error;
    }
    Result(const Result& other) : has_value_(other.has_value_) {
        if (has_value_) new (&storage_.value) T(other.storage_.value);
        else storage_.error = other.storage_.error;
    }
    Result& operator=(Result&& other) {
        if (this != &other) {
            destroy();
            new (this) Result(sys::move(other));
        }
        return *this;
    }
    Result& operator=(const Result& other) {
        if (this != &other) {
            destroy();
            new (this) Result(other);
        }
        return *this;
    }
    ~Result() { destroy(); }

    bool ok() const { return has_value_; }
    bool is_error() const { return !has_value_; }
    Error error() const { return has_value_ ? Error::None : storage_.error; }

    T& value() { return storage_.value; }
    const T& value() const { return storage_.value; }
    T release_value() { return sys::move(storage_.value); }
    T value_or(const T& fallback) const { return has_value_ ? storage_.value : fallback; }

private:
    void destroy() {
        if (has_value_) storage_.value.~T();
        has_value_ = false;
    }

    union Storage {
        Storage() {}
        ~Storage() {}
        T value;
        Error error;
    } storage_;
    bool has_value_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() : error_(Error::None) {}
    Result(Error error) : error_(error) {}

    bool ok() const { return error_ == Error::None; }
    bool is_error() const { return error_ != Error::None; }
    Error error() const { return error_; }
    void release_value() const {}

private:
    Error error_;
};

// Converts a raw kernel-call return value (>= 0 or -Error) into a Result.
inline Result<int64_t> result_from_return(int64_t raw) {
    if (neurath::is_error_return(raw)) return neurath::error_from_return(raw);
    return raw;
}

}  // namespace sys

// TRY(expr): evaluate a Result; on error return the error from the enclosing
// function, otherwise yield the value.
#define TRY(expression)                                      \
    ({                                                       \
        auto _try_result = (expression);                     \
        if (_try_result.is_error()) return _try_result.error(); \
        _try_result.release_value();                         \
    })
