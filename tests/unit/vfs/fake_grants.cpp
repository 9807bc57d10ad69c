// fake_grants.cpp — host implementation of the grant kernel calls used by
// libsys grant.cpp, plus the framework's crash hook (see fake_grants.h).
#include "fake_grants.h"

#include <cstdlib>
#include <cstring>
#include <map>

#include <neurath/syscall.h>
#include <sys/kcall.h>

namespace fake_grants {
namespace {

struct Window {
    neurath::Endpoint granter;
    neurath::Endpoint grantee;
    uint8_t* base;
    uint64_t length;
    uint32_t access;
};

std::map<uint64_t, Window> windows;
uint64_t next_id = 1;

sys::Result<Window*> find(neurath::Endpoint granter, uint64_t id, uint64_t offset, uint64_t length, uint32_t access) {
    auto it = windows.find(id);
    if (it == windows.end() || it->second.granter != granter) return neurath::Error::BadAddress;
    Window& window = it->second;
    if (!(window.access & access)) return neurath::Error::PermissionDenied;
    if (offset > window.length || length > window.length - offset) return neurath::Error::BadAddress;
    return &window;
}

}  // namespace

neurath::Endpoint caller = 20;

void reset() {
    windows.clear();
    next_id = 1;
}

size_t live_grants() { return windows.size(); }

}  // namespace fake_grants

namespace sys {

Result<uint64_t> grant_create(Endpoint grantee, const void* address, uint64_t length, uint32_t access) {
    const uint64_t id = fake_grants::next_id++;
    fake_grants::windows[id] = {fake_grants::caller, grantee, static_cast<uint8_t*>(const_cast<void*>(address)),
                                length, access};
    return id;
}

Result<void> grant_revoke(uint64_t grant_id) {
    if (fake_grants::windows.erase(grant_id) == 0) return neurath::Error::InvalidArgument;
    return {};
}

Result<void> safecopy_from(Endpoint granter, uint64_t grant_id, uint64_t offset, void* local, uint64_t length) {
    auto* window = TRY(fake_grants::find(granter, grant_id, offset, length, neurath::kGrantRead));
    std::memcpy(local, window->base + offset, length);
    return {};
}

Result<void> safecopy_to(Endpoint granter, uint64_t grant_id, uint64_t offset, const void* local, uint64_t length) {
    auto* window = TRY(fake_grants::find(granter, grant_id, offset, length, neurath::kGrantWrite));
    std::memcpy(window->base + offset, local, length);
    return {};
}

[[noreturn]] void inject_crash() { std::abort(); }

}  // namespace sys
