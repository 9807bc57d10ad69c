// dma_alloc.cpp — Sys::DmaAlloc(uint64_t vaddr, uint64_t length) -> physical
// address: memory a driver shares with its device (DMA buffers, virtqueues).
//
// Entry point: sys_dma_alloc (privileged: only a driver whose manifest
// section lists DmaAlloc). Decode (memory/dma_rules.h) checks alignment, the
// user range and the per-call and per-process bounds; invoke maps zeroed
// pages over physically consecutive frames below 4 GiB and returns the
// physical address of the first. The pages are ordinary pages of the
// caller's address space, so they are freed when the process ends.
#include "memory/dma_rules.h"
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_dma_alloc(Process& caller, const SyscallArgs& args) {
    const DmaRequest request = TRY(check_dma_request(args.arg[0], args.arg[1], caller.dma_pages));
    const uint64_t physical = TRY(caller.space.map_contiguous_range(request.address, request.pages));
    caller.dma_pages += request.pages;
    return done(static_cast<int64_t>(physical));
}

}  // namespace kernel
