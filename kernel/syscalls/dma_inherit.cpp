// dma_inherit.cpp — Sys::DmaInherit(uint64_t vaddr, uint64_t length) -> pages:
// a live update's new version maps the DMA memory of the old version it
// replaces, at the same addresses and over the same frames, so the device
// (which keeps using them) and the transferred queue pointers stay valid.
//
// Entry point: sys_dma_inherit. Open to every process, but only for the
// caller's state source (the old version, by pid, as for ProcMemoryRead);
// decode checks the window (memory/dma_rules.h) and finds that process;
// invoke lends its device pages (proc/dma_loans.h): the caller borrows them
// until ProcSwapEndpoints hands them over.
#include "ipc/update_rules.h"
#include "memory/dma_rules.h"
#include "memory/paging.h"
#include "proc/dma_loans.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

struct InheritRequest {
    DmaRequest window;
    Process* source;
};

Result<Process*> live_process_with_pid(uint64_t pid) {
    for (int32_t slot = 0; slot < kMaxProcesses; ++slot) {
        Process* process = process_table_slot(slot);
        if (process != nullptr && process->pid == pid && process->run_state != RunState::Dead) return process;
    }
    return Error::NotFound;
}

Result<InheritRequest> decode_dma_inherit(const Process& caller, const SyscallArgs& args) {
    if (caller.state_source_pid == 0) return Error::PermissionDenied;
    const DmaRequest window = TRY(check_dma_inherit_window(args.arg[0], args.arg[1]));
    Process* source = TRY(live_process_with_pid(caller.state_source_pid));
    TRY(check_state_read(caller.state_source_pid, source->pid));
    return InheritRequest{window, source};
}

}  // namespace

SyscallResult sys_dma_inherit(Process& caller, const SyscallArgs& args) {
    const InheritRequest request = TRY(decode_dma_inherit(caller, args));
    const uint64_t pages =
        TRY(dma_loan_take(caller, *request.source, request.window.address, request.window.pages * kPageSize));
    return done(static_cast<int64_t>(pages));
}

}  // namespace kernel
