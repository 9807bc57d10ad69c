// driver_transfer.h — the new-version side the evaluation's host drivers
// (eval/lua/lua_driver.cpp, eval/sqlite/sqlite_driver.cpp) share: load the
// old version's snapshot, transfer its state into this process, and print
// either the refusal ("transfer refused: ...", exit status 3) or the one
// report line the transfer checks show in their verdicts. Before either, with
// NEURATH_LIST_IMPRECISION set, one `imprecise: why | function | allocator |
// line | type` line for each kind of imprecise old state the transfer scanned
// (ImprecisionNote), which live_transfer.py holds against the pass's limits
// report (unset, as for the benchmarks, nothing is listed and listing costs
// the transfer nothing).
//
// Entry points: print_transfer_report, transfer_from_snapshot, kTransferRefused.
#pragma once

#include <libupdate/transfer.h>
#include <snapshot.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

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

// The kinds of imprecision heard of, each once. Fixed memory outside the
// program's state: the transfer must not meet allocations of its own
// listener among the objects it checks.
struct ImprecisionKinds {
    static constexpr int kCapacity = 512;
    char lines[kCapacity][224];
    int count;
    bool overflowed;
};
[[clang::annotate("lu.no_transfer")]] inline ImprecisionKinds imprecision_kinds;

inline void collect_imprecision(void* context, const libupdate::ImprecisionNote& note) {
    auto* kinds = static_cast<ImprecisionKinds*>(context);
    char line[224];
    std::snprintf(line, sizeof line, "%s | %s | %s | %u | %s", note.why, note.site_function, note.allocator,
                  note.site_line, note.type_name);
    for (int i = 0; i < kinds->count; ++i)
        if (std::strcmp(kinds->lines[i], line) == 0) return;
    if (kinds->count == ImprecisionKinds::kCapacity) {
        kinds->overflowed = true;
        return;
    }
    std::memcpy(kinds->lines[kinds->count++], line, sizeof line);
}

inline void print_imprecision(const ImprecisionKinds& kinds) {
    for (int i = 0; i < kinds.count; ++i) std::fprintf(stderr, "imprecise: %s\n", kinds.lines[i]);
    if (kinds.overflowed) std::fprintf(stderr, "imprecise: more kinds than %d, not all listed\n", kinds.kCapacity);
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
    libupdate::TransferOptions noted = options;
    if (std::getenv("NEURATH_LIST_IMPRECISION") != nullptr) {
        noted.note_imprecision = collect_imprecision;
        noted.note_context = &imprecision_kinds;
    }
    libupdate::Result<libupdate::TransferStats> stats = libupdate::transfer_state(snapshot.reader(), snapshot.root(), noted);
    print_imprecision(imprecision_kinds);
    if (!stats.ok()) {
        std::fprintf(stderr, "transfer refused: %s\n", stats.error().text);
        return kTransferRefused;
    }
    print_transfer_report(stderr, stats.value());
    return 0;
}
