// harness.h — helpers for live-update test suites: run the old version to a
// snapshot, transfer its state into this (new) process, and compute what a
// fresh new version would print after the same history.
//
// Entry points: snapshot_of_old, transfer_from, native_digest, live_objects.
#pragma once

#include <libupdate/transfer.h>
#include <snapshot.h>

#include <string>

namespace harness {

// Run the old program (OLD_PROGRAM) with `scenario`; returns the snapshot path.
// Fails the current test when the old program does not exit cleanly.
std::string snapshot_of_old(const char* scenario = nullptr);

// Transfer the state in snapshot `path` into this process.
libupdate::Result<libupdate::TransferStats> transfer_from(const std::string& path,
                                                          const libupdate::TransferOptions& options = {});

libupdate::Result<libupdate::TransferStats> transfer_from(libupdate::host::Snapshot& snapshot,
                                                          const libupdate::TransferOptions& options = {});

// Digest a fresh copy of this program prints after running `phases` phases
// (this executable started again, so no state is shared with this process).
std::string native_digest(int phases);

// Live objects in this process's typed heap.
uint64_t live_objects();

}  // namespace harness
