// old_main.cpp — the "old version" process of a live-update test: runs
// phase 1 of the program's workload, applies an optional failure scenario,
// then parks and writes its memory snapshot for the new version to read.
//
// Usage: <program> <snapshot file> [scenario]
#include <snapshot.h>

#include <cstdio>

#include "program.h"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s <snapshot file> [scenario]\n", argv[0]);
        return 2;
    }
    test_program::workload(1);
    if (argc > 2) test_program::scenario(argv[2]);
    libupdate::Result<void> written = libupdate::host::write_snapshot(argv[1]);
    if (!written.ok()) {
        std::fprintf(stderr, "%s\n", written.error().text);
        return 1;
    }
    return 0;
}
