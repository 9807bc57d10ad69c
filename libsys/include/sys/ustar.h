// ustar.h — a reader for POSIX ustar archives held in memory (the boot image
// `bootimage` is one: sbin/*, bin/*, etc/system.conf, data files).
//
// Validates every header (magic, checksum, octal fields, bounds) and reports
// a malformed archive as Error::BadMessage instead of reading past the end.
// Names are joined from the prefix and name fields and normalised: a leading
// "./" or "/" is dropped, a trailing "/" on directories too.
//
// Entry points: sys::UstarReader (next() iterates, find() looks a path up).
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <sys/result.h>

namespace sys {

enum class UstarType : uint8_t { File, Directory, Other };

struct UstarEntry {
    char path[256];           // normalised, NUL-terminated
    UstarType type;
    uint64_t size;
    const uint8_t* data;      // size bytes inside the archive
};

class UstarReader {
public:
    UstarReader(const uint8_t* archive, size_t length) : archive_(archive), length_(length) {}

    // The next entry, or Error::NotFound at the end of the archive.
    Result<UstarEntry> next();
    void rewind() { offset_ = 0; }
    // The entry with this path (normalised the same way), or Error::NotFound.
    Result<UstarEntry> find(const char* path);

private:
    const uint8_t* archive_;
    size_t length_;
    size_t offset_ = 0;
};

}  // namespace sys
