// unmap.cpp — Sys::Unmap(uint64_t vaddr, uint64_t length): the caller gives
// back its own user pages over [vaddr, vaddr+length); their frames return to
// the frame allocator and the process's page count (its memory limit, `ps`
// MEM) drops by the same number.
//
// Entry point: sys_unmap. Decode (memory/unmap_rules.h) checks alignment and
// the user range; invoke refuses, before changing anything, with -NotFound
// when any page of the window is not mapped (a partly mapped window is an
// error, so the call either unmaps every page or none) and with
// -PermissionDenied when any page is DmaAlloc memory (its device may still
// write to the frame: it stays until the process ends).
#include "memory/unmap_rules.h"
#include "memory/paging.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

Result<void> check_pages(const AddressSpace& space, const UnmapRequest& request) {
    for (uint64_t offset = 0; offset < request.length; offset += kPageSize) {
        if (!space.is_mapped(request.address + offset)) return Error::NotFound;
    }
    for (uint64_t offset = 0; offset < request.length; offset += kPageSize) {
        if (space.is_device_page(request.address + offset)) return Error::PermissionDenied;
    }
    return {};
}

}  // namespace

SyscallResult sys_unmap(Process& caller, const SyscallArgs& args) {
    const UnmapRequest request = TRY(check_unmap_request(args.arg[0], args.arg[1]));
    TRY(check_pages(caller.space, request));
    caller.space.unmap_range(request.address, request.length);
    return done(0);
}

}  // namespace kernel
