// hardware_privileges.h — the checks that scope a process's hardware access
// to what its privilege record (from the manifest) gives it: I/O ports inside
// its window, IRQ lines in its mask, and a spawned child never getting more
// hardware than its spawner. Pure logic, unit-tested on the host
// (tests/unit/kernel/hardware_privileges_test.cpp).
//
// Entry points: check_io_request, check_irq_request, check_child_hardware,
// IoRange.
#pragma once

#include <neurath/syscall.h>
#include <stdint.h>

#include "core/result.h"

namespace kernel {

// A run of I/O ports [first, first + count).
struct IoRange {
    uint32_t first;
    uint32_t count;
};

// IoPortEnable(first, count): -InvalidArgument for an empty or out-of-range
// request, -PermissionDenied for ports outside the caller's window.
Result<IoRange> check_io_request(const neurath::Privileges& privileges, uint64_t first, uint64_t count);

// IrqSubscribe(irq): -InvalidArgument for no such line, -PermissionDenied
// for a line not in the caller's mask.
Result<uint32_t> check_irq_request(const neurath::Privileges& privileges, uint64_t irq);

// ProcSpawn: the child's port window must lie inside the spawner's and its
// IRQ mask must be a subset; only a spawner that may reach PCI configuration
// space itself (ports 0xCF8..0xCFF) may name a PCI device for the child
// (-PermissionDenied); a malformed device address is -InvalidArgument.
Result<void> check_child_hardware(const neurath::Privileges& spawner, const neurath::Privileges& child);

}  // namespace kernel
