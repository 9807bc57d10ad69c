// process_lookup.cpp — lookups over the kernel's process list (see
// process_lookup.h), read into libsys's scratch table (sys/kernel_processes.h).
#include "process_lookup.h"

#include <sys/cstring.h>

namespace rs {
namespace {

using neurath::Error;

bool all_digits(const char* text) {
    if (*text == '\0') return false;
    for (; *text; ++text)
        if (*text < '0' || *text > '9') return false;
    return true;
}

uint64_t decimal(const char* text) {
    uint64_t value = 0;
    for (; *text; ++text) value = value * 10 + static_cast<uint64_t>(*text - '0');
    return value;
}

}  // namespace

Result<neurath::ProcessInfo> find_process(const char* name, uint32_t& matches) {
    const sys::KernelProcesses list = TRY(sys::read_kernel_processes());
    const neurath::ProcessInfo* processes = list.entries;
    const uint64_t count = list.count;
    const bool by_pid = all_digits(name) && sys::str::strlen(name) < 19;
    const uint64_t pid = by_pid ? decimal(name) : 0;
    matches = 0;
    uint64_t found = 0;
    for (uint64_t i = 0; i < count; ++i) {
        if (processes[i].state == neurath::ProcState::Dead) continue;
        const bool match = by_pid ? processes[i].pid == pid : sys::str::strcmp(processes[i].name, name) == 0;
        if (!match) continue;
        if (matches++ == 0) found = i;
    }
    if (matches == 0) return Error::NotFound;
    if (matches > 1) return Error::Busy;
    return processes[found];
}

}  // namespace rs
