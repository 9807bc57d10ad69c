// output.h — where a shell command's normal output goes: the console, or a
// file opened for `>` / `>>` redirection. Error messages always go to the
// console (see report_error).
//
// Entry points: Output::console, Output::to_file, write, print, finish;
// report_error.
#pragma once

#include <stdarg.h>
#include <stddef.h>
#include <sys/result.h>

namespace shell {

class Output {
public:
    static Output console() { return Output(-1); }
    // Opens (creating) `path` for writing, truncating or appending.
    static sys::Result<Output> to_file(const char* path, bool append);

    void write(const char* text, size_t length);
    __attribute__((format(printf, 2, 3))) void print(const char* pattern, ...);
    // Closes a redirection file; returns the first write error, if any.
    sys::Result<void> finish();

private:
    explicit Output(int fd) : fd_(fd) {}
    int fd_;  // -1: the console
    neurath::Error first_error_ = neurath::Error::None;
};

// Prints "<command>: <message>" on one console line.
__attribute__((format(printf, 2, 3))) void report_error(const char* command, const char* pattern, ...);

}  // namespace shell
