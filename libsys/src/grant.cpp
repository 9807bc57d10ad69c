// grant.cpp — scoped grants (sys::Grant) and bounded copies out of / into a
// client's grant for servers.
#include <sys/cstring.h>
#include <sys/grant.h>

namespace sys {

Result<Grant> Grant::create(Endpoint grantee, const void* buffer, uint64_t length, uint32_t access) {
    Grant grant;
    if (length == 0) return grant;
    grant.id_ = TRY(grant_create(grantee, buffer, length, access));
    grant.length_ = length;
    grant.live_ = true;
    return grant;
}

Grant::~Grant() {
    if (live_) (void)grant_revoke(id_);
}

namespace {
bool within(const protocol::GrantRef& ref, uint64_t offset, uint64_t length) {
    return offset <= ref.length && length <= ref.length - offset;
}
}  // namespace

Result<void> copy_from_grant(Endpoint granter, const protocol::GrantRef& ref, uint64_t offset, void* local,
                             uint64_t length) {
    if (!within(ref, offset, length)) return Error::InvalidArgument;
    if (length == 0) return {};
    return safecopy_from(granter, ref.id, offset, local, length);
}

Result<void> copy_to_grant(Endpoint granter, const protocol::GrantRef& ref, uint64_t offset, const void* local,
                           uint64_t length) {
    if (!within(ref, offset, length)) return Error::InvalidArgument;
    if (length == 0) return {};
    return safecopy_to(granter, ref.id, offset, local, length);
}

Result<void> copy_string_from_grant(Endpoint granter, const protocol::GrantRef& ref, char* out, size_t capacity) {
    if (ref.length == 0) return Error::InvalidArgument;
    if (ref.length >= capacity) return Error::NameTooLong;
    TRY(safecopy_from(granter, ref.id, 0, out, ref.length));
    out[ref.length] = '\0';
    if (str::strlen(out) != ref.length) return Error::InvalidArgument;
    return {};
}

}  // namespace sys
