// runtime_root.h — the one record through which another version finds a
// program's state: its metadata modules and its heap registry.
//
// An updater that can read the old program's memory needs only the address
// of this record (reported by the old version when it parks, or written into
// a host memory snapshot) to find everything else.
//
// Entry points: RuntimeRoot, runtime_root(), program_modules().
#pragma once

#include <libupdate/heap.h>
#include <libupdate/metadata.h>

namespace libupdate {

inline constexpr uint64_t kRuntimeRootMagic = 0x544f4f5250445055ull;  // "UPDPROOT"
inline constexpr uint32_t kRuntimeRootVersion = 1;

struct RuntimeRoot {
    uint64_t magic;
    uint32_t version;
    uint32_t reserved;
    const lu_module* const* modules_begin;
    const lu_module* const* modules_end;
    HeapRegistry* heap;
    ExternalObjects* external;
};

// This program's root (filled on first call).
const RuntimeRoot& runtime_root();

struct ModuleList {
    const lu_module* const* begin;
    const lu_module* const* end;
};
// The metadata modules linked into this program (empty when none).
ModuleList program_modules();

}  // namespace libupdate
