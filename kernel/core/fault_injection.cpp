// fault_injection.cpp — the faults of fault_injection.h.
//
// Entry point: inject_boot_faults.
#include "core/fault_injection.h"

#include <stdint.h>

#include "boot_info/boot_info.h"
#include "core/log.h"

namespace kernel {
namespace {

// Far more levels than any stack holds: the guard page stops it long before.
constexpr uint64_t kDepthNeverReached = uint64_t{1} << 40;

// Each level keeps 512 bytes live across the next call, so the compiler
// can turn nothing into a loop and every level takes real stack.
[[gnu::noinline]] uint64_t consume_stack(uint64_t depth) {
    volatile uint8_t block[512];
    block[depth % sizeof block] = static_cast<uint8_t>(depth);
    if (depth == kDepthNeverReached) return block[0];
    return consume_stack(depth + 1) + block[depth % sizeof block];
}

}  // namespace

void inject_boot_faults(const char* command_line, size_t length) {
    if (command_line_has_word(command_line, length, "fault=kernel-stack-overflow")) {
        log("fault injection: overflowing the kernel stack\n");
        consume_stack(0);
        panic("fault injection: the kernel stack overflowed without a fault");
    }
}

}  // namespace kernel
