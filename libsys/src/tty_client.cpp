// tty_client.cpp — client stubs for the console driver.
#include <sys/call.h>
#include <sys/grant.h>
#include <sys/tty_client.h>

namespace sys::tty {
namespace pt = protocol::tty;
using neurath::kGrantRead;
using neurath::kGrantWrite;
using neurath::kTty;

Result<size_t> write(const char* text, size_t length) {
    if (length == 0) return size_t{0};
    Grant grant = TRY(Grant::create(kTty, text, length, kGrantRead));
    auto reply = TRY(call<pt::TransferReply>(kTty, pt::kWrite, pt::WriteRequest{grant.ref()}));
    return static_cast<size_t>(reply.bytes);
}

namespace {

Result<size_t> read_line_with(char* line, size_t capacity, uint32_t flags) {
    if (capacity < 2) return Error::InvalidArgument;
    Grant grant = TRY(Grant::create(kTty, line, capacity - 1, kGrantWrite));
    auto reply = TRY(call<pt::TransferReply>(kTty, pt::kReadLine, pt::ReadLineRequest{grant.ref(), flags}));
    const size_t length = reply.bytes < capacity - 1 ? static_cast<size_t>(reply.bytes) : capacity - 1;
    line[length] = '\0';
    return length;
}

}  // namespace

Result<size_t> read_line(char* line, size_t capacity) { return read_line_with(line, capacity, 0); }

Result<size_t> read_line_now(char* line, size_t capacity) { return read_line_with(line, capacity, pt::kReadNoWait); }

}  // namespace sys::tty
