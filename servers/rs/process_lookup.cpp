// process_lookup.cpp — lookups over the kernel's process list (see
// process_lookup.h). The list is read into one static buffer: rs is
// single-threaded and never keeps a result across calls.
#include "process_lookup.h"

#include <sys/cstring.h>
#include <sys/kcall.h>

namespace rs {
namespace {

using neurath::Error;

neurath::ProcessInfo processes[neurath::kMaxEndpoints];

Result<uint64_t> read_list() { return sys::proc_list(processes, neurath::kMaxEndpoints); }

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

Result<neurath::ProcessInfo> process_at(neurath::Endpoint endpoint) {
    const uint64_t count = TRY(read_list());
    for (uint64_t i = 0; i < count; ++i)
        if (processes[i].endpoint == endpoint && processes[i].state != neurath::ProcState::Dead) return processes[i];
    return Error::NotFound;
}

Result<neurath::ProcessInfo> find_process(const char* name, uint32_t& matches) {
    const uint64_t count = TRY(read_list());
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
