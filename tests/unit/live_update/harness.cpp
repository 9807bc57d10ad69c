// harness.cpp — see harness.h.
#include "harness.h"

#include <libupdate/heap.h>

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "program.h"

namespace harness {

std::string snapshot_of_old(const char* scenario) {
    static int counter = 0;
    std::string path = std::string(::testing::TempDir()) + "lu-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".snap";
    std::string command = std::string(OLD_PROGRAM) + " " + path;
    if (scenario) command += std::string(" ") + scenario;
    int status = std::system(command.c_str());
    EXPECT_EQ(status, 0) << command;
    return path;
}

libupdate::Result<libupdate::TransferStats> transfer_from(const std::string& path, const libupdate::TransferOptions& options) {
    libupdate::host::Snapshot snapshot;
    libupdate::Result<void> loaded = snapshot.load(path.c_str());
    std::remove(path.c_str());
    if (!loaded.ok()) return loaded.error();
    return libupdate::transfer_state(snapshot.reader(), snapshot.root(), options);
}

libupdate::Result<libupdate::TransferStats> transfer_from(libupdate::host::Snapshot& snapshot,
                                                          const libupdate::TransferOptions& options) {
    return libupdate::transfer_state(snapshot.reader(), snapshot.root(), options);
}

std::string native_digest(int phases) {
    std::string command = "LU_NATIVE_PHASES=" + std::to_string(phases) + " /proc/" + std::to_string(getpid()) + "/exe";
    FILE* child = popen(command.c_str(), "r");
    if (!child) return "cannot start a fresh copy";
    std::string digest;
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, child)) > 0;) digest.append(buffer, n);
    int status = pclose(child);
    EXPECT_EQ(status, 0) << "fresh copy failed";
    return digest;
}

namespace {

// A fresh copy started by native_digest(): run the phases, print, and leave
// before the test framework starts.
[[maybe_unused]] const bool kRunsAsFreshCopy = [] {
    const char* phases = std::getenv("LU_NATIVE_PHASES");
    if (!phases) return false;
    for (int phase = 1; phase <= std::atoi(phases); ++phase) test_program::workload(phase);
    std::string digest = test_program::digest();
    std::fwrite(digest.data(), 1, digest.size(), stdout);
    std::fflush(stdout);
    _exit(0);
}();

}  // namespace

uint64_t live_objects() { return libupdate::heap_registry().count; }

}  // namespace harness
