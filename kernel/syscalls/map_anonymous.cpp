// map_anonymous.cpp — Sys::MapAnonymous(uint64_t vaddr, uint64_t length):
// zeroed, writable user pages over [vaddr, vaddr+length).
//
// Entry point: sys_map_anonymous. Errors: -InvalidArgument (unaligned or
// empty), -BadAddress (outside the user range), -AlreadyExists (a page is
// already mapped), -NoMemory; on error nothing is mapped.
#include "memory/paging.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

constexpr uint64_t kMaxMapLength = 1ull << 30;

struct MapRequest {
    uint64_t address;
    uint64_t length;
};

Result<MapRequest> decode_map(const SyscallArgs& args) {
    MapRequest request{args.arg[0], args.arg[1]};
    if (request.length == 0 || request.length > kMaxMapLength) return Error::InvalidArgument;
    if (!is_page_aligned(request.address) || !is_page_aligned(request.length)) return Error::InvalidArgument;
    if (!is_user_range(request.address, request.length)) return Error::BadAddress;
    return request;
}

}  // namespace

SyscallResult sys_map_anonymous(Process& caller, const SyscallArgs& args) {
    MapRequest request = TRY(decode_map(args));
    TRY(caller.space.map_zeroed_range(request.address, request.length, true, false));
    return done(0);
}

}  // namespace kernel
