// handlers_tree.cpp — vfs handlers for names and the directory tree: stat,
// readdir, mkdir, unlink, rename, and process-gone cleanup; plus the
// dispatch table.
//
// Entry points: handle_stat, handle_readdir, handle_mkdir, handle_unlink,
// handle_rename, handle_process_gone, make_table, copy_path,
// fill_stat_reply.
#include <protocol/vfs.h>
#include <sys/cstring.h>
#include <sys/grant.h>

#include "handlers.h"

namespace vfs {
namespace {

namespace proto = protocol::vfs;

proto::FileType wire_type(NodeKind kind) {
    return kind == NodeKind::Directory ? proto::FileType::Directory : proto::FileType::Regular;
}

}  // namespace

Path PathBuffer::path() const { return Path{text, sys::str::strlen(text)}; }

Result<void> copy_path(Endpoint client, const protocol::GrantRef& ref, PathBuffer& out) {
    return sys::copy_string_from_grant(client, ref, out.text, sizeof out.text);
}

void fill_stat_reply(const NodeStat& info, Message& reply) {
    auto& stat = neurath::payload_of<proto::StatReply>(reply);
    stat.type = wire_type(info.kind);
    stat.size = info.kind == NodeKind::Directory ? 0 : info.size;
    stat.entries = info.kind == NodeKind::Directory ? static_cast<uint32_t>(info.size) : 0;
    stat.inode = info.inode;
}

Result<Disposition> handle_stat(VfsState& state, const Message& request, Message& reply) {
    PathBuffer path;
    TRY(copy_path(request.source, neurath::payload_of<proto::StatRequest>(request).path, path));
    fill_stat_reply(TRY(state.fs.stat(path.path())), reply);
    return Disposition::Reply;
}

Result<Disposition> handle_readdir(VfsState& state, const Message& request, Message& reply) {
    const auto& readdir = neurath::payload_of<proto::ReadDirRequest>(request);
    const DirEntry entry = TRY(state.fs.read_directory(request.source, readdir.fd, readdir.index));
    if (entry.end) return Error::NotFound;
    proto::DirEntry wire{};
    sys::str::strlcpy(wire.name, entry.name, sizeof wire.name);
    wire.size = entry.size;
    wire.type = wire_type(entry.kind);
    TRY(sys::copy_to_grant(request.source, readdir.entry, 0, &wire, sizeof wire));
    return Disposition::Reply;
}

Result<Disposition> handle_mkdir(VfsState& state, const Message& request, Message& reply) {
    PathBuffer path;
    TRY(copy_path(request.source, neurath::payload_of<proto::MkdirRequest>(request).path, path));
    TRY(state.fs.make_directory(path.path()));
    return Disposition::Reply;
}

Result<Disposition> handle_unlink(VfsState& state, const Message& request, Message& reply) {
    PathBuffer path;
    TRY(copy_path(request.source, neurath::payload_of<proto::UnlinkRequest>(request).path, path));
    TRY(state.fs.unlink(path.path()));
    return Disposition::Reply;
}

Result<Disposition> handle_rename(VfsState& state, const Message& request, Message& reply) {
    const auto& rename = neurath::payload_of<proto::RenameRequest>(request);
    PathBuffer from;
    PathBuffer to;
    TRY(copy_path(request.source, rename.from, from));
    TRY(copy_path(request.source, rename.to, to));
    TRY(state.fs.rename(from.path(), to.path()));
    return Disposition::Reply;
}

Result<Disposition> handle_process_gone(VfsState& state, const Message& request, Message& reply) {
    const Endpoint gone = neurath::payload_of<proto::ProcessGoneRequest>(request).endpoint;
    (void)state.fs.close_all(gone);
    return Disposition::Reply;
}

sys::DispatchTable<VfsState> make_table() {
    sys::DispatchTable<VfsState> table(protocol::kVfsBase);
    table.on(proto::kOpen, handle_open)
        .on(proto::kRead, handle_read)
        .on(proto::kWrite, handle_write)
        .on(proto::kSeek, handle_seek)
        .on(proto::kClose, handle_close)
        .on(proto::kStat, handle_stat)
        .on(proto::kReadDir, handle_readdir)
        .on(proto::kMkdir, handle_mkdir)
        .on(proto::kUnlink, handle_unlink)
        .on(proto::kRename, handle_rename)
        .on(proto::kFstat, handle_fstat)
        .on(proto::kProcessGone, handle_process_gone, neurath::kPm);
    return table;
}

}  // namespace vfs
