// handlers.h — the vfs request handlers, one per protocol::vfs request code,
// and the dispatch table that routes to them.
//
// Each handler decodes its request struct, copies paths and data through the
// client's grants (never trusting lengths or descriptors from the message)
// and calls one FileSystem operation for request.source.
//
// Entry points: vfs::make_table() (built once in main.cpp); the handle_* functions are listed for
// the table only. File data: handlers_data.cpp; names and tree:
// handlers_tree.cpp.
#pragma once

#include <sys/server.h>

#include "vfs_state.h"

namespace vfs {

using sys::Disposition;
using neurath::Endpoint;
using neurath::Message;

Result<Disposition> handle_open(VfsState& state, const Message& request, Message& reply);
Result<Disposition> handle_read(VfsState& state, const Message& request, Message& reply);
Result<Disposition> handle_write(VfsState& state, const Message& request, Message& reply);
Result<Disposition> handle_seek(VfsState& state, const Message& request, Message& reply);
Result<Disposition> handle_close(VfsState& state, const Message& request, Message& reply);
Result<Disposition> handle_fstat(VfsState& state, const Message& request, Message& reply);

Result<Disposition> handle_stat(VfsState& state, const Message& request, Message& reply);
Result<Disposition> handle_readdir(VfsState& state, const Message& request, Message& reply);
Result<Disposition> handle_mkdir(VfsState& state, const Message& request, Message& reply);
Result<Disposition> handle_unlink(VfsState& state, const Message& request, Message& reply);
Result<Disposition> handle_rename(VfsState& state, const Message& request, Message& reply);
Result<Disposition> handle_process_gone(VfsState& state, const Message& request, Message& reply);

sys::DispatchTable<VfsState> make_table();

// Shared by the handler files: copies a path out of a client grant.
struct PathBuffer {
    char text[kPathMax + 1];
    Path path() const;
};
Result<void> copy_path(Endpoint client, const protocol::GrantRef& ref, PathBuffer& out);
// Fills a protocol stat reply from a core stat.
void fill_stat_reply(const NodeStat& info, Message& reply);

}  // namespace vfs
