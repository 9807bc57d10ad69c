// handlers_data.cpp — vfs handlers for descriptors and file contents: open,
// read, write, seek, close, fstat.
//
// Entry points: handle_open, handle_read, handle_write, handle_seek,
// handle_close, handle_fstat. Reads copy straight from the file into the
// client's grant (one kernel copy); writes come in kTransferChunk pieces. A
// read whose copy-out fails leaves the offset where it was, so a bad grant
// never loses data.
#include <protocol/vfs.h>
#include <sys/grant.h>

#include "handlers.h"

namespace vfs {
namespace {

namespace proto = protocol::vfs;

// Maps the wire flags onto the core's; unknown bits are refused.
Result<uint32_t> core_flags(uint32_t wire) {
    constexpr uint32_t kKnown = proto::kOpenRead | proto::kOpenWrite | proto::kOpenCreate |
                                proto::kOpenTruncate | proto::kOpenAppend | proto::kOpenDirectory |
                                proto::kOpenExclusive;
    if ((wire & ~kKnown) != 0) return Error::InvalidArgument;
    uint32_t flags = 0;
    if (wire & proto::kOpenRead) flags |= kOpenRead;
    if (wire & proto::kOpenWrite) flags |= kOpenWrite;
    if (wire & proto::kOpenCreate) flags |= kOpenCreate;
    if (wire & proto::kOpenTruncate) flags |= kOpenTruncate;
    if (wire & proto::kOpenAppend) flags |= kOpenAppend;
    if (wire & proto::kOpenDirectory) flags |= kOpenDirectory;
    if (wire & proto::kOpenExclusive) flags |= kOpenExclusive;
    return flags;
}

// Copies straight from the file's buffer into the client's grant; the
// offset moves only after the copy succeeded.
Result<uint64_t> read_into_grant(VfsState& state, Endpoint client, const proto::ReadRequest& request) {
    const ConstBytes bytes = TRY(state.fs.peek_read(client, request.fd, request.buffer.length));
    TRY(sys::copy_to_grant(client, request.buffer, 0, bytes.data, bytes.length));
    TRY(state.fs.consume_read(client, request.fd, bytes.length));
    return bytes.length;
}

Result<uint64_t> write_from_grant(VfsState& state, Endpoint client, const proto::WriteRequest& request) {
    uint64_t done = 0;
    while (done < request.buffer.length) {
        const uint64_t want = sys::min<uint64_t>(kTransferChunk, request.buffer.length - done);
        TRY(sys::copy_from_grant(client, request.buffer, done, state.transfer, want));
        const Result<uint64_t> written = state.fs.write(client, request.fd, state.transfer, want);
        if (written.is_error()) {
            if (done > 0) break;  // report the partial write; the next one gets the error
            return written.error();
        }
        done += written.value();
    }
    return done;
}

}  // namespace

Result<Disposition> handle_open(VfsState& state, const Message& request, Message& reply) {
    const auto& open = neurath::payload_of<proto::OpenRequest>(request);
    PathBuffer path;
    TRY(copy_path(request.source, open.path, path));
    const uint32_t flags = TRY(core_flags(open.flags));
    const int32_t fd = TRY(state.fs.open(request.source, path.path(), flags));
    neurath::payload_of<proto::OpenReply>(reply).fd = fd;
    return Disposition::Reply;
}

Result<Disposition> handle_read(VfsState& state, const Message& request, Message& reply) {
    const auto& read = neurath::payload_of<proto::ReadRequest>(request);
    const uint64_t bytes = TRY(read_into_grant(state, request.source, read));
    state.bytes_read += bytes;
    neurath::payload_of<proto::TransferReply>(reply).bytes = bytes;
    return Disposition::Reply;
}

Result<Disposition> handle_write(VfsState& state, const Message& request, Message& reply) {
    const auto& write = neurath::payload_of<proto::WriteRequest>(request);
    // Check the descriptor first so a bad one fails before any copying.
    TRY(state.fs.stat_descriptor(request.source, write.fd));
    const uint64_t bytes = TRY(write_from_grant(state, request.source, write));
    state.bytes_written += bytes;
    neurath::payload_of<proto::TransferReply>(reply).bytes = bytes;
    return Disposition::Reply;
}

Result<Disposition> handle_seek(VfsState& state, const Message& request, Message& reply) {
    const auto& seek = neurath::payload_of<proto::SeekRequest>(request);
    const uint32_t whence = static_cast<uint32_t>(seek.whence);
    if (whence > static_cast<uint32_t>(Whence::End)) return Error::InvalidArgument;
    const uint64_t position =
        TRY(state.fs.seek(request.source, seek.fd, seek.offset, static_cast<Whence>(whence)));
    neurath::payload_of<proto::SeekReply>(reply).position = position;
    return Disposition::Reply;
}

Result<Disposition> handle_close(VfsState& state, const Message& request, Message& reply) {
    TRY(state.fs.close(request.source, neurath::payload_of<proto::CloseRequest>(request).fd));
    return Disposition::Reply;
}

Result<Disposition> handle_fstat(VfsState& state, const Message& request, Message& reply) {
    const int32_t fd = neurath::payload_of<proto::FstatRequest>(request).fd;
    fill_stat_reply(TRY(state.fs.stat_descriptor(request.source, fd)), reply);
    return Disposition::Reply;
}

}  // namespace vfs
