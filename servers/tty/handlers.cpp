// handlers.cpp — tty requests: Write prints, ReadLine is held (deferred
// reply) until the line discipline completes a line, and the UART's IRQ
// notification feeds received bytes to the line discipline.
//
// Entry points: handle_write, handle_read_line, handle_process_gone,
// handle_notify, input_ready, make_table. Only one ReadLine may wait
// at a time (Busy otherwise; one that must not wait gets a ready line or
// WouldBlock); pm's ProcessGone drops one held for a process that ended.
#include <neurath/endpoint.h>
#include <protocol/tty.h>
#include <sys/call.h>
#include <sys/grant.h>

#include "handlers.h"

namespace tty {
namespace {

namespace proto = protocol::tty;

constexpr size_t kWriteChunk = 256;
constexpr size_t kInputBatch = 64;

// Copies the oldest complete line (without its '\n') into the reader's grant.
// The line leaves the queue only once copied: if the reader is gone (its
// grant with it), the line waits for the next reader.
Result<uint64_t> deliver_line(TtyState& state, Endpoint client, const protocol::GrantRef& buffer) {
    char line[LineDiscipline::kLineMax + 1];
    size_t length = state.discipline.peek_line(line, sizeof line);
    if (length > 0 && line[length - 1] == '\n') --length;
    const uint64_t bytes = sys::min<uint64_t>(length, buffer.length);
    TRY(sys::copy_to_grant(client, buffer, 0, line, bytes));
    state.discipline.drop_line();
    ++state.lines_delivered;
    return bytes;
}

void answer_pending_read(TtyState& state) {
    if (!state.pending.waiting || !state.discipline.line_ready()) return;
    PendingRead reader = state.pending;
    state.pending = PendingRead{};
    const Result<uint64_t> delivered = deliver_line(state, reader.client, reader.buffer);
    if (delivered.is_error()) {
        // A reader that died leaves no one to answer; a live one with a bad
        // grant gets the error.
        (void)sys::send_error_reply(reader.client, delivered.error());
        return;
    }
    Message reply = sys::make_message(protocol::kReplyOk, proto::TransferReply{delivered.value()});
    (void)sys::send_reply(reader.client, reply);  // a reader that died meanwhile is no error
}

}  // namespace

Result<Disposition> handle_write(TtyState& state, const Message& request, Message& reply) {
    const auto& write = neurath::payload_of<proto::WriteRequest>(request);
    char text[kWriteChunk];
    char translated[2 * kWriteChunk];
    for (uint64_t done = 0; done < write.buffer.length;) {
        const uint64_t length = sys::min<uint64_t>(kWriteChunk, write.buffer.length - done);
        TRY(sys::copy_from_grant(request.source, write.buffer, done, text, length));
        size_t produced = 0;
        translate_output(text, length, translated, sizeof translated, produced);
        state.uart.write(translated, produced);
        done += length;
    }
    state.bytes_written += write.buffer.length;
    neurath::payload_of<proto::TransferReply>(reply).bytes = write.buffer.length;
    return Disposition::Reply;
}

Result<Disposition> handle_read_line(TtyState& state, const Message& request, Message& reply) {
    const auto& read = neurath::payload_of<proto::ReadLineRequest>(request);
    if (read.flags & ~proto::kReadNoWait) return Error::InvalidArgument;
    const bool no_wait = read.flags & proto::kReadNoWait;
    if (state.pending.waiting && !no_wait) return Error::Busy;
    if (state.discipline.line_ready()) {
        neurath::payload_of<proto::TransferReply>(reply).bytes =
            TRY(deliver_line(state, request.source, read.buffer));
        return Disposition::Reply;
    }
    if (no_wait) return Error::WouldBlock;
    state.pending = PendingRead{true, request.source, read.buffer};
    return Disposition::Deferred;
}

Result<Disposition> handle_process_gone(TtyState& state, const Message& request, Message& reply) {
    const Endpoint gone = neurath::payload_of<proto::ProcessGoneRequest>(request).endpoint;
    if (state.pending.waiting && state.pending.client == gone) state.pending = PendingRead{};
    return Disposition::Reply;
}

Result<Disposition> handle_notify(TtyState& state, const Message& request, Message& reply) {
    const auto& notify = neurath::payload_of<neurath::NotifyPayload>(request);
    if (notify.pending_bits & (1ull << kCom1Irq)) input_ready(state);
    return Disposition::NoReply;
}

void input_ready(TtyState& state) {
    char bytes[kInputBatch];
    for (size_t count = state.uart.read_available(bytes, sizeof bytes); count > 0;
         count = state.uart.read_available(bytes, sizeof bytes)) {
        for (size_t i = 0; i < count; ++i) {
            Echo echo;
            state.discipline.feed(bytes[i], echo);
            state.uart.write(echo.bytes, echo.length);
        }
    }
    answer_pending_read(state);
}

sys::DispatchTable<TtyState> make_table() {
    sys::DispatchTable<TtyState> table(protocol::kTtyBase);
    table.on(proto::kWrite, handle_write)
        .on(proto::kReadLine, handle_read_line)
        .on(proto::kProcessGone, handle_process_gone, neurath::kPm)
        .on(neurath::kmsg::kNotify, handle_notify);
    return table;
}

}  // namespace tty
