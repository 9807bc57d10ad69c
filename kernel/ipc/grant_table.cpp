// grant_table.cpp — per-process grant windows (see grant_table.h).
//
// Entry points: GrantTable methods. Grant id = (generation << 8) | slot.
#include "ipc/grant_table.h"

#include <neurath/syscall.h>

namespace kernel {
namespace {
constexpr uint32_t kAllAccess = neurath::kGrantRead | neurath::kGrantWrite;
}

Result<uint64_t> GrantTable::create(neurath::Endpoint grantee, uint64_t address, uint64_t length, uint32_t access) {
    if (access == 0 || (access & ~kAllAccess) != 0 || length == 0) return Error::InvalidArgument;
    if (address + length < address) return Error::InvalidArgument;
    for (uint32_t slot = 0; slot < kMaxGrantsPerProcess; ++slot) {
        Grant& grant = grants_[slot];
        if (grant.in_use) continue;
        grant.in_use = true;
        ++in_use_;
        grant.generation = (grant.generation + 1) & 0xFFFFFF;
        grant.grantee = grantee;
        grant.address = address;
        grant.length = length;
        grant.access = access;
        return (uint64_t{grant.generation} << 8) | slot;
    }
    return Error::NoSpace;
}

const GrantTable::Grant* GrantTable::find(uint64_t grant_id) const {
    uint64_t slot = grant_id & 0xFF;
    if (slot >= kMaxGrantsPerProcess || (grant_id >> 32) != 0) return nullptr;
    const Grant& grant = grants_[slot];
    if (!grant.in_use || grant.generation != (grant_id >> 8)) return nullptr;
    return &grant;
}

Result<void> GrantTable::revoke(uint64_t grant_id) {
    const Grant* grant = find(grant_id);
    if (grant == nullptr) return Error::NotFound;
    grants_[grant_id & 0xFF].in_use = false;
    --in_use_;
    return {};
}

Result<uint64_t> GrantTable::resolve(uint64_t grant_id, neurath::Endpoint requester, uint64_t offset, uint64_t length,
                                     uint32_t access) const {
    const Grant* grant = find(grant_id);
    if (grant == nullptr) return Error::NotFound;
    if (grant->grantee != neurath::kAny && grant->grantee != requester) return Error::PermissionDenied;
    if ((grant->access & access) != access) return Error::PermissionDenied;
    if (offset > grant->length || length > grant->length - offset) return Error::InvalidArgument;
    return grant->address + offset;
}

uint32_t GrantTable::revoke_grantee(neurath::Endpoint grantee) {
    uint32_t revoked = 0;
    for (uint32_t slot = 0; slot < kMaxGrantsPerProcess && in_use_ > 0; ++slot) {
        Grant& grant = grants_[slot];
        if (!grant.in_use || grant.grantee != grantee) continue;
        grant.in_use = false;
        --in_use_;
        ++revoked;
    }
    return revoked;
}

void GrantTable::clear() {
    for (Grant& grant : grants_) grant.in_use = false;
    in_use_ = 0;
}

}  // namespace kernel
