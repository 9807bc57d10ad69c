// output.cpp — console and file sinks for shell command output.
//
// Entry points: Output::to_file, Output::write, Output::print,
// Output::finish, report_error. Formatting goes through sys::vformat into a
// bounded buffer (longer output is cut at kLineBuffer bytes per call).
#include "output.h"

#include <protocol/vfs.h>
#include <sys/format.h>
#include <sys/tty_client.h>
#include <sys/vfs_client.h>

namespace shell {
namespace {

constexpr size_t kLineBuffer = 512;

size_t formatted_length(int length) {
    if (length < 0) return 0;
    return static_cast<size_t>(length) < kLineBuffer ? static_cast<size_t>(length) : kLineBuffer - 1;
}

}  // namespace

sys::Result<Output> Output::to_file(const char* path, bool append) {
    namespace pv = protocol::vfs;
    const uint32_t flags = pv::kOpenWrite | pv::kOpenCreate | (append ? pv::kOpenAppend : pv::kOpenTruncate);
    const int fd = TRY(sys::vfs::open(path, flags));
    return Output(fd);
}

void Output::write(const char* text, size_t length) {
    const sys::Result<size_t> written =
        fd_ < 0 ? sys::tty::write(text, length) : sys::vfs::write(fd_, text, length);
    if (written.is_error() && first_error_ == neurath::Error::None) first_error_ = written.error();
}

void Output::print(const char* pattern, ...) {
    char buffer[kLineBuffer];
    va_list arguments;
    va_start(arguments, pattern);
    const int length = sys::vformat(buffer, sizeof buffer, pattern, arguments);
    va_end(arguments);
    write(buffer, formatted_length(length));
}

sys::Result<void> Output::finish() {
    if (fd_ >= 0) {
        const sys::Result<void> closed = sys::vfs::close(fd_);
        fd_ = -1;
        if (closed.is_error() && first_error_ == neurath::Error::None) first_error_ = closed.error();
    }
    if (first_error_ != neurath::Error::None) return first_error_;
    return {};
}

void report_error(const char* command, const char* pattern, ...) {
    char buffer[kLineBuffer];
    int prefix = sys::format(buffer, sizeof buffer, "%s: ", command);
    size_t used = formatted_length(prefix);
    va_list arguments;
    va_start(arguments, pattern);
    const int length = sys::vformat(buffer + used, sizeof buffer - used - 1, pattern, arguments);
    va_end(arguments);
    used += length < 0 ? 0 : sys::min(static_cast<size_t>(length), sizeof buffer - used - 2);
    buffer[used++] = '\n';
    (void)sys::tty::write(buffer, used);
}

}  // namespace shell
