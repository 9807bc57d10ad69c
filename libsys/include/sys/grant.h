// grant.h — scoped memory grants for moving bulk data between processes.
//
// sys::Grant creates a grant over a local buffer for one grantee and revokes
// it when it goes out of scope. ref() gives the protocol::GrantRef to put in a
// request. Servers copy with sys::copy_from_grant / copy_to_grant, which
// check the requested range against the GrantRef's length first.
#pragma once

#include <protocol/common.h>
#include <sys/kcall.h>

namespace sys {

class Grant {
public:
    static Result<Grant> create(Endpoint grantee, const void* buffer, uint64_t length, uint32_t access);
    // An empty grant (length 0, nothing to revoke) for optional buffers.
    static Grant none() { return Grant(); }

    Grant(Grant&& other) : id_(other.id_), length_(other.length_), live_(other.live_) { other.live_ = false; }
    Grant(const Grant&) = delete;
    Grant& operator=(const Grant&) = delete;
    ~Grant();

    protocol::GrantRef ref() const { return {id_, length_}; }

private:
    Grant() = default;
    uint64_t id_ = 0;
    uint64_t length_ = 0;
    bool live_ = false;
};

// Copy `length` bytes at `offset` out of / into a client's grant, bounded by ref.length.
Result<void> copy_from_grant(Endpoint granter, const protocol::GrantRef& ref, uint64_t offset, void* local, uint64_t length);
Result<void> copy_to_grant(Endpoint granter, const protocol::GrantRef& ref, uint64_t offset, const void* local, uint64_t length);
// Copies a path-like string (no NUL in the grant) into `out` and terminates it;
// NameTooLong if ref.length >= capacity, InvalidArgument if empty or contains NUL.
Result<void> copy_string_from_grant(Endpoint granter, const protocol::GrantRef& ref, char* out, size_t capacity);

}  // namespace sys
