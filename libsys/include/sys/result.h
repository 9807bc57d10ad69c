// result.h — Result<T, E>: a value or an error, and the TRY macro that
// propagates errors upwards. The one error vocabulary of user space: libsys,
// servers and programs use the default error type neurath::Error; the
// live-update runtime uses libupdate::Result<T> = Result<T, UpdateError> (a
// code plus a text naming what failed). Freestanding; compiles on the host too.
//
// Entry points: sys::Result<T, E>, sys::Result<void, E>, sys::error_code, TRY(expr).
//   Result<int> parse(...);           return 42; / return neurath::Error::NotFound;
//   int v = TRY(parse(...));          // returns the error from the caller on failure
// An error type other than neurath::Error has a member `neurath::Error code`,
// and its default value (code None) means "no error". Result is [[nodiscard]]:
// a dropped error is a compile error under -Werror.
#pragma once

#include <neurath/error.h>
#include <sys/utility.h>

namespace sys {

using neurath::Error;

// The code of an error value: a neurath::Error is its own code; a richer
// error type carries one in `code`.
constexpr Error error_code(Error error) { return error; }
template <typename E>
constexpr Error error_code(const E& error) {
    return error.code;
}

template <typename T, typename E = Error>
class [[nodiscard]] Result {
public:
    Result(const T& value) : has_value_(true) { new (&storage_.value) T(value); }
    Result(T&& value) : has_value_(true) { new (&storage_.value) T(sys::move(value)); }
    Result(const E& error) : has_value_(false) { new (&storage_.error) E(error); }

    Result(Result&& other) : has_value_(other.has_value_) {
        if (has_value_) new (&storage_.value) T(sys::move(other.storage_.value));
        else new (&storage_.error) E(other.storage_.error);
    }
    Result(const Result& other) : has_value_(other.has_value_) {
        if (has_value_) new (&storage_.value) T(other.storage_.value);
        else new (&storage_.error) E(other.storage_.error);
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
    // The error; the default ("no error", code None) while a value is held.
    // A copy: no per-instantiation constant backs the "no error" case (every
    // global would be program state in the live-update metadata).
    E error() const { return has_value_ ? E{} : storage_.error; }

    T& value() { return storage_.value; }
    const T& value() const { return storage_.value; }
    T release_value() { return sys::move(storage_.value); }
    T value_or(const T& fallback) const { return has_value_ ? storage_.value : fallback; }

private:
    void destroy() {
        if (has_value_) storage_.value.~T();
        else storage_.error.~E();
    }

    union Storage {
        Storage() {}
        ~Storage() {}
        T value;
        E error;
    } storage_;
    bool has_value_;
};

// Success or an error; an error whose code is None counts as success.
template <typename E>
class [[nodiscard]] Result<void, E> {
public:
    Result() : error_() {}
    Result(const E& error) : error_(error) {}

    bool ok() const { return error_code(error_) == Error::None; }
    bool is_error() const { return !ok(); }
    E error() const { return error_; }
    void release_value() const {}

private:
    E error_;
};

// Converts a raw kernel-call return value (>= 0 or -Error) into a Result.
inline Result<int64_t> result_from_return(int64_t raw) {
    if (neurath::is_error_return(raw)) return neurath::error_from_return(raw);
    return raw;
}

}  // namespace sys

// TRY(expr): evaluate a Result; on error return the error from the enclosing
// function, otherwise yield the value. The enclosing function returns a
// Result with the same error type.
#define TRY(expression)                                         \
    ({                                                          \
        auto _try_result = (expression);                        \
        if (_try_result.is_error()) return _try_result.error(); \
        _try_result.release_value();                            \
    })
