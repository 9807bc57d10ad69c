// main.cpp — the vfs server: an in-memory file system at /, filled from the
// boot image at start, serving protocol/vfs.h requests.
//
// Entry point: main. Start: load the `bootimage` module into the tree (a
// restart after a crash does the same: contents written since boot are lost,
// which live update, unlike restart, avoids). As the new version of a live
// update it loads nothing and only checks the transferred tree. Then the
// framework's event loop dispatches to the handlers (handlers_data.cpp,
// handlers_tree.cpp).
#include <sys/server.h>
#include <sys/stdio.h>

#include "bootimage_module.h"
#include "handlers.h"

namespace {

sys::Result<void> start_fresh(vfs::VfsState& state, const sys::StartInfo& info) {
    const vfs::LoadSummary loaded = TRY(vfs::load_boot_image(state.fs));
    sys::log("vfs: %u files, %u directories, %llu bytes from the boot image (%u skipped)\n",
             loaded.files, loaded.directories, static_cast<unsigned long long>(loaded.bytes),
             loaded.skipped);
    return {};
}

// The new version of a live update gets its state transferred from the old
// one: nothing is loaded. The directory lists are rebuilt from the parent
// links (an older or newer version may keep directories otherwise, e.g.
// `update --undo` from vfs.next), and the tree must hold together before commit.
sys::Result<void> start_updated(vfs::VfsState& state, const sys::StartInfo& info) {
    TRY(state.fs.core().rebuild_directories());
    if (!state.fs.core().is_consistent()) return neurath::Error::BadMessage;
    return {};
}

vfs::VfsState state;

}  // namespace

int main(int argc, char** argv) {
    const sys::DispatchTable<vfs::VfsState> table = vfs::make_table();
    sys::Lifecycle<vfs::VfsState> lifecycle;
    lifecycle.fresh_start = start_fresh;
    lifecycle.update = start_updated;
    sys::run_server("vfs", state, table, lifecycle, argc, argv);
}
