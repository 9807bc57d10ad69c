// memory_audit.cpp — the frame-leak check at boot and at poweroff (see
// memory_audit.h).
//
// Entry points: memory_audit_after_boot, memory_audit_at_poweroff.
#include "proc/memory_audit.h"

#include "core/log.h"
#include "memory/physical_memory.h"
#include "proc/process.h"

namespace kernel {
namespace {

uint64_t free_after_boot = 0;

}  // namespace

void memory_audit_after_boot() {
    free_after_boot = frames_free();
    log("memory: %lu frames free after boot\n", free_after_boot);
}

void memory_audit_at_poweroff() {
    for (int32_t slot = 0; slot < kMaxProcesses; ++slot) {
        Process* process = process_table_slot(slot);
        if (process == nullptr || !process->space.valid()) continue;
        log("memory: at poweroff %s pid %lu endpoint %d held %lu frames\n", process->name, process->pid,
            process->endpoint, process->space.frames_held());
        process->space.destroy();
    }
    const uint64_t free_now = frames_free();
    log("memory: %lu frames free at poweroff once every process ended (after boot %lu, difference %ld)\n", free_now,
        free_after_boot, static_cast<int64_t>(free_after_boot - free_now));
}

}  // namespace kernel
