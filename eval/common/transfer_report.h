// transfer_report.h — the one line the evaluation's host drivers
// (eval/lua/lua_driver.cpp, eval/sqlite/sqlite_driver.cpp) print after a
// successful state transfer; the transfer checks show it in their verdicts.
//
// Entry point: print_transfer_report.
#pragma once

#include <libupdate/transfer.h>

#include <cstdio>

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
