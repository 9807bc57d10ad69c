// grant_table.h — the memory windows one process has granted to others.
// Pure logic (host-testable): creation, revocation and the window/access
// check behind SafeCopyFrom/SafeCopyTo.
//
// Entry points: GrantTable::create, revoke, revoke_grantee, resolve, clear.
// Invariants: a grant id encodes slot and generation, so a revoked id never
// matches a later grant in the same slot; resolve() accepts only the named
// grantee (or anyone for a grant to kAny), only the granted access, and only
// [offset, offset+length) inside the window, with overflow checked.
#pragma once

#include <neurath/endpoint.h>
#include <stdint.h>

#include "core/result.h"

namespace kernel {

inline constexpr uint32_t kMaxGrantsPerProcess = 64;

class GrantTable {
public:
    Result<uint64_t> create(neurath::Endpoint grantee, uint64_t address, uint64_t length, uint32_t access);
    Result<void> revoke(uint64_t grant_id);
    // The granter-side address for a copy of `length` bytes at `offset`, or
    // -NotFound (no such grant), -PermissionDenied (wrong grantee or access),
    // -InvalidArgument (outside the window).
    Result<uint64_t> resolve(uint64_t grant_id, neurath::Endpoint requester, uint64_t offset, uint64_t length,
                             uint32_t access) const;
    // Revokes every grant naming `grantee` (a process that ended): its
    // endpoint may later name another process, which must not inherit them.
    // Returns how many went.
    uint32_t revoke_grantee(neurath::Endpoint grantee);
    void clear();

private:
    struct Grant {
        bool in_use = false;
        uint32_t generation = 0;
        neurath::Endpoint grantee = neurath::kNone;
        uint64_t address = 0;
        uint64_t length = 0;
        uint32_t access = 0;
    };
    const Grant* find(uint64_t grant_id) const;
    Grant grants_[kMaxGrantsPerProcess];
    uint32_t in_use_ = 0;  // grants in use: most tables are empty, and revoke_grantee skips those
};

}  // namespace kernel
