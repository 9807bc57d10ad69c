// transfer_bench.cpp — state-transfer throughput. Run with "old <records>
// <snapshot>" it builds the state and writes a snapshot (the old version);
// run with "new <snapshot>" it transfers that state into itself and prints
// the transfer time, MiB/s, objects/s and the metadata size, then checks the
// state by its checksum (printed by both runs).
#include <libupdate/program_model.h>
#include <libupdate/transfer.h>
#include <snapshot.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "transfer_state_program.h"

namespace {

int run_old(long records, const char* path) {
    bench_state::build(records);
    std::printf("old checksum %ld\n", bench_state::checksum());
    libupdate::Result<void> written = libupdate::host::write_snapshot(path);
    if (!written.ok()) std::fprintf(stderr, "%s\n", written.error().text);
    return written.ok() ? 0 : 1;
}

int run_new(const char* path) {
    libupdate::host::Snapshot snapshot;
    libupdate::Result<void> loaded = snapshot.load(path);
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s\n", loaded.error().text);
        return 1;
    }
    libupdate::TransferOptions options;
    options.check_pointers = std::getenv("LU_BENCH_NO_CHECK") == nullptr;
    auto start = std::chrono::steady_clock::now();
    libupdate::Result<libupdate::TransferStats> stats = libupdate::transfer_state(snapshot.reader(), snapshot.root(), options);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!stats.ok()) {
        std::fprintf(stderr, "%s\n", stats.error().text);
        return 1;
    }
    libupdate::ProgramModel model;
    if (!model.load_local().ok()) return 1;
    double mib = static_cast<double>(stats.value().bytes) / (1024.0 * 1024.0);
    std::printf("new checksum %ld\n", bench_state::checksum());
    std::printf("transfer objects %lu bytes %lu pointers %lu seconds %.4f mib_per_s %.1f objects_per_s %.0f metadata_bytes %lu\n",
                stats.value().heap_objects, stats.value().bytes, stats.value().pointers, seconds, mib / seconds,
                static_cast<double>(stats.value().heap_objects) / seconds, model.metadata_bytes);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 4 && std::strcmp(argv[1], "old") == 0) return run_old(std::atol(argv[2]), argv[3]);
    if (argc == 3 && std::strcmp(argv[1], "new") == 0) return run_new(argv[2]);
    std::fprintf(stderr, "usage: %s old <records> <snapshot> | new <snapshot>\n", argv[0]);
    return 2;
}
