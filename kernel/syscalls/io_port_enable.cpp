// io_port_enable.cpp — Sys::IoPortEnable(uint16_t first_port, uint16_t count):
// allow in/out on [first_port, first_port+count) for the caller, through its
// I/O permission bitmap (loaded into the TSS whenever it runs).
//
// Entry point: sys_io_port_enable. Only ports below kIoPortLimit (0x400) can
// be enabled; others stay denied (-InvalidArgument).
#include "arch/descriptors.h"
#include "proc/scheduler.h"
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_io_port_enable(Process& caller, const SyscallArgs& args) {
    uint64_t first = args.arg[0];
    uint64_t count = args.arg[1];
    if (count == 0 || first >= kIoPortLimit || count > kIoPortLimit - first) return Error::InvalidArgument;
    for (uint64_t port = first; port < first + count; ++port) {
        caller.io_bitmap[port / 8] = static_cast<uint8_t>(caller.io_bitmap[port / 8] & ~(1u << (port % 8)));
    }
    caller.io_ports_enabled = true;
    scheduler_reload_io_bitmap(caller);
    return done(0);
}

}  // namespace kernel
