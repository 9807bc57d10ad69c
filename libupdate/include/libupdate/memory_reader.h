// memory_reader.h — how the runtime reads a program image: the running
// program itself, or an old version's memory seen through a callback (a
// kernel safe-copy inside Neurath, a memory snapshot on the host).
//
// Entry points: MemoryReader, local_memory_reader(), read_value<T>(),
// read_c_string().
#pragma once

#include <libupdate/result.h>

namespace libupdate {

struct MemoryReader {
    // Copy `size` bytes at `address` of the image into `out`; fail with
    // BadAddress when any of them is not readable.
    Result<void> (*read)(void* context, uint64_t address, void* out, size_t size) = nullptr;
    void* context = nullptr;

    // Optional: the address in this process of code outside every metadata
    // module (e.g. a C library function kept in a function pointer), or an
    // error. Hosts with shared libraries provide it; Neurath servers are static.
    Result<uint64_t> (*relocate_foreign_code)(void* context, uint64_t address) = nullptr;

    // Optional: why an address outside every object cannot be the heap's
    // free space (a file is mapped there; it is not the heap), or null when
    // it is (freed heap memory, where an interpreter's dead keys point).
    // Without it, such memory is not told apart, and likely pointers into it
    // are refused.
    const char* (*not_heap_memory)(void* context, uint64_t address) = nullptr;

    Result<void> operator()(uint64_t address, void* out, size_t size) const {
        return read(context, address, out, size);
    }
};

// Reads the calling program's own memory (no validation: trusted addresses).
MemoryReader local_memory_reader();

template <typename T>
Result<T> read_value(const MemoryReader& reader, uint64_t address) {
    T value;
    TRY(reader(address, &value, sizeof(T)));
    return value;
}

// Read a NUL-terminated string of at most `capacity - 1` characters into `out`.
Result<void> read_c_string(const MemoryReader& reader, uint64_t address, char* out, size_t capacity);

}  // namespace libupdate
