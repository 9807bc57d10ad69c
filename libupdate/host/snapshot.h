// snapshot.h — host memory snapshots: the "old image" of host tests and tools.
//
// An old version running as an ordinary process calls write_snapshot() when
// it is parked: it records its RuntimeRoot address and a copy of every
// memory region that can hold program state (writable mappings, and the
// executable's own mappings, which hold the metadata tables and string
// literals). A new version loads the file and hands Snapshot::reader() and
// Snapshot::root() to transfer_state(), exactly as a Neurath server reads
// its predecessor through kernel safe-copies.
//
// File format: "NUSNAP03", root address (u64), region count (u64), then per
// region: start (u64), length (u64), bytes; then file-mapping count (u64) and
// per mapping: start, end, file offset, flags (1: executable, 2: the
// program itself) (u64 each),
// path length (u64), path. The file mappings (the program and its shared
// libraries) let function pointers into a library be carried to the same
// library in the new process, and tell memory mapped from a file apart from
// anonymous memory (MemoryReader::not_heap_memory).
//
// Entry points: write_snapshot(), Snapshot::load, Snapshot::reader, Snapshot::root.
#pragma once

#include <libupdate/memory_reader.h>

#include <cstdint>
#include <string>
#include <vector>

namespace libupdate::host {

// Write the calling process's state to `path`.
Result<void> write_snapshot(const char* path);

class Snapshot {
public:
    Result<void> load(const char* path);
    MemoryReader reader() const;
    uint64_t root() const { return root_; }
    uint64_t bytes() const { return bytes_; }
    // Overwrite bytes of the captured image (tests use it to corrupt state).
    bool poke(uint64_t address, const void* data, size_t size);

private:
    struct Region {
        uint64_t start;
        std::vector<uint8_t> data;
    };
    struct FileMapping {
        uint64_t start;
        uint64_t end;
        uint64_t offset;
        bool executable;
        bool program;  // the old version's own executable
        std::string path;
    };
    static Result<void> read(void* context, uint64_t address, void* out, size_t size);
    static Result<uint64_t> relocate_code(void* context, uint64_t address);
    static const char* not_heap_memory(void* context, uint64_t address);
    Region* region_for(uint64_t address, size_t size);
    void merge_adjacent_regions();

    std::vector<Region> regions_;
    std::vector<FileMapping> files_;
    uint64_t root_ = 0;
    uint64_t bytes_ = 0;
};

}  // namespace libupdate::host
