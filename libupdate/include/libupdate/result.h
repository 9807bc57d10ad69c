// result.h — error values for the live-update runtime.
//
// Every fallible runtime call returns a [[nodiscard]] Result<T>: user space's
// one Result template (sys::Result in libsys's <sys/result.h>) with UpdateError
// as its error type. A failure carries one code from the closed neurath::Error
// enumeration plus a short human-readable text that names what failed
// (variable, type, field, filter position, ...). TRY(expr), from the same
// header, unwraps a Result or returns its error from the calling function.
// Freestanding: no exceptions, no host headers.
//
// Entry points: UpdateError, make_error(), Result<T>, Result<void>, TRY.
#pragma once

#include <neurath/error.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/result.h>

namespace libupdate {

inline constexpr size_t kErrorTextSize = 240;

// The default value (code None, empty text) means "no error".
struct UpdateError {
    neurath::Error code = neurath::Error::None;
    char text[kErrorTextSize] = {};
};

// Build an error from up to four text pieces, concatenated (null pieces are skipped).
UpdateError make_error(neurath::Error code, const char* a, const char* b = nullptr,
                       const char* c = nullptr, const char* d = nullptr);

template <typename T>
using Result = sys::Result<T, UpdateError>;

}  // namespace libupdate
