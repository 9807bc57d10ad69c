// grant_create.cpp — Sys::GrantCreate(Endpoint grantee, uint64_t vaddr,
// uint64_t length, uint32_t access) -> grant id: let `grantee` (or anyone,
// for kAny) copy from/to [vaddr, vaddr+length) of the caller. The grantee
// must be live (-DeadEndpoint / -NoSuchEndpoint otherwise): grants to a
// process go when it ends, so a grant made to a name nobody holds would be
// inherited by whoever holds it next.
//
// Entry point: sys_grant_create.
#include "memory/paging.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

struct GrantCreateRequest {
    Endpoint grantee;
    uint64_t address;
    uint64_t length;
    uint32_t access;
};

Result<GrantCreateRequest> decode_grant_create(const SyscallArgs& args) {
    GrantCreateRequest request;
    request.grantee = TRY(decode_endpoint(args.arg[0]));
    if (request.grantee != neurath::kAny && !EndpointTable::in_range(request.grantee)) return Error::InvalidArgument;
    request.address = args.arg[1];
    request.length = args.arg[2];
    if (args.arg[3] > 0xFFFFFFFFu) return Error::InvalidArgument;
    request.access = static_cast<uint32_t>(args.arg[3]);
    if (request.length == 0) return Error::InvalidArgument;
    if (!is_user_range(request.address, request.length)) return Error::BadAddress;
    return request;
}

}  // namespace

SyscallResult sys_grant_create(Process& caller, const SyscallArgs& args) {
    GrantCreateRequest request = TRY(decode_grant_create(args));
    if (request.grantee != neurath::kAny) TRY(live_process(request.grantee));
    uint64_t id = TRY(caller.grants.create(request.grantee, request.address, request.length, request.access));
    return done(static_cast<int64_t>(id));
}

}  // namespace kernel
