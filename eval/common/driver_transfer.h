// driver_transfer.h — the new-version side the evaluation's host drivers
// (eval/lua/lua_driver.cpp, eval/sqlite/sqlite_driver.cpp) share: load the
// old version's snapshot, transfer its state into this process, and print
// either the refusal ("transfer refused: ...", exit status 3) or the one
// report line the transfer checks show in their verdicts.
//
// Entry points: print_transfer_report, transfer_from_snapshot, kTransferRefused.
#pragma once

#include <libupdate/transfer.h>
#include <snapshot.h>

#include <cstdio>

inline constexpr int kTransferRefused = 3;

inline void print_transfer_report(std::FILE* out, const libupdate::TransferStats& done) {
    auto n = [](uint64_t value) { return static_cast<unsigned long long>(value); };
    std::fprintf(out,
                 "transferred: %llu globals, %llu heap objects (%llu kept at their address, %llu bytes), %llu bytes, "
                 "%llu pointers relocated, %llu checked, %llu imprecise bytes scanned: %llu likely pointers kept, "
                 "%llu remapped, %llu into freed memory\n",
                 n(done.globals), n(done.heap_objects), n(done.pinned_objects), n(done.pinned_bytes), n(done.bytes),
                 n(done.pointers), n(done.checked_pointers), n(done.scanned_bytes), n(done.kept_likely_pointers),
                 n(done.remapped_likely_pointers), n(done.dangling_likely_pointers));
}

// 0 when the state came over, kTransferRefused when the transfer refused, 1
// when the snapshot could not be read.
inline int transfer_from_snapshot(const char* path, const libupdate::TransferOptions& options) {
    libupdate::host::Snapshot snapshot;
    libupdate::Result<void> loaded = snapshot.load(path);
    if (!loaded.ok()) {
        std::fprintf(stderr, "snapshot: %s\n", loaded.error().text);
        return 1;
    }
    libupdate::Result<libupdate::TransferStats> stats = libupdate::transfer_state(snapshot.reader(), snapshot.root(), options);
    if (!stats.ok()) {
        std::fprintf(stderr, "transfer refused: %s\n", stats.error().text);
        return kTransferRefused;
    }
    print_transfer_report(stderr, stats.value());
    return 0;
}
