// io_port_enable.cpp — Sys::IoPortEnable(uint16_t first_port, uint16_t count):
// allow in/out on [first_port, first_port+count) for the caller, through the
// TSS's I/O permission bitmap (opened whenever it runs).
//
// Entry point: sys_io_port_enable. The ports must lie inside the caller's
// window from the manifest (Privileges::io_first/io_count), else
// -PermissionDenied; an empty or out-of-range request is -InvalidArgument; a
// process may enable at most kMaxIoRanges runs (-NoMemory).
#include "proc/hardware_privileges.h"
#include "proc/scheduler.h"
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_io_port_enable(Process& caller, const SyscallArgs& args) {
    const IoRange range = TRY(check_io_request(caller.privileges, args.arg[0], args.arg[1]));
    if (caller.io_range_count == kMaxIoRanges) return Error::NoMemory;
    caller.io_ranges[caller.io_range_count++] = range;
    scheduler_reload_io_bitmap(caller);
    return done(0);
}

}  // namespace kernel
