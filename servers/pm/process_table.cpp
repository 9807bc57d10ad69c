// process_table.cpp — pm::ProcessTable (see process_table.h).
#include "process_table.h"

#include <sys/cstring.h>

namespace pm {
using neurath::Error;

Result<ProcessRecord*> ProcessTable::add(Endpoint endpoint, uint64_t pid, Endpoint parent, const char* name) {
    if (find_live(endpoint)) return Error::AlreadyExists;
    for (ProcessRecord& record : records_) {
        if (record.used) continue;
        record = ProcessRecord{};
        record.used = true;
        record.endpoint = endpoint;
        record.parent = parent;
        record.pid = pid;
        sys::str::strlcpy(record.name, name, sizeof record.name);
        return &record;
    }
    return Error::NoSpace;
}

ProcessRecord* ProcessTable::find_live(Endpoint endpoint) {
    for (ProcessRecord& record : records_) {
        if (record.used && !record.ended && record.endpoint == endpoint) return &record;
    }
    return nullptr;
}

const ProcessRecord* ProcessTable::find_live(Endpoint endpoint) const {
    return const_cast<ProcessTable*>(this)->find_live(endpoint);
}

void ProcessTable::orphan_children_of(Endpoint parent) {
    for (ProcessRecord& record : records_) {
        if (!record.used || record.parent != parent) continue;
        if (record.ended) record.used = false;  // nobody can collect it any more
        else record.parent = neurath::kNone;
    }
}

ProcessRecord* ProcessTable::record_end(Endpoint endpoint, int32_t status, ExitKind kind) {
    ProcessRecord* record = find_live(endpoint);
    if (!record) return nullptr;
    record->ended = true;
    record->status = status;
    record->kind = record->kill_requested && kind == ExitKind::Exited ? ExitKind::Killed : kind;
    forget_waiters_of(endpoint);
    orphan_children_of(endpoint);
    if (record->parent == neurath::kNone || record->adopted) {  // nobody will wait for it
        record->used = false;
        return nullptr;
    }
    return record;
}

bool ProcessTable::matches(const ProcessRecord& record, Endpoint parent, Endpoint child) {
    return record.used && record.parent == parent && (child == neurath::kAny || record.endpoint == child);
}

Result<ProcessRecord> ProcessTable::take_zombie(Endpoint parent, Endpoint child) {
    for (ProcessRecord& record : records_) {
        if (matches(record, parent, child) && record.ended) {
            ProcessRecord taken = record;
            record.used = false;
            return taken;
        }
    }
    return Error::NotFound;
}

bool ProcessTable::has_child(Endpoint parent, Endpoint child) const {
    for (const ProcessRecord& record : records_) {
        if (matches(record, parent, child)) return true;
    }
    return false;
}

Result<void> ProcessTable::add_waiter(Endpoint waiter, Endpoint child) {
    for (Waiter& slot : waiters_) {
        if (slot.used && slot.waiter == waiter) return Error::Busy;  // one pending wait per process
    }
    for (Waiter& slot : waiters_) {
        if (slot.used) continue;
        slot = Waiter{true, waiter, child};
        return {};
    }
    return Error::NoSpace;
}

Result<Waiter> ProcessTable::take_waiter_for(const ProcessRecord& record) {
    for (Waiter& slot : waiters_) {
        if (!slot.used || slot.waiter != record.parent) continue;
        if (slot.child != neurath::kAny && slot.child != record.endpoint) continue;
        Waiter taken = slot;
        slot.used = false;
        return taken;
    }
    return Error::NotFound;
}

void ProcessTable::forget_waiters_of(Endpoint waiter) {
    for (Waiter& slot : waiters_) {
        if (slot.used && slot.waiter == waiter) slot.used = false;
    }
}

void ProcessTable::hand_children_to(Endpoint parent, Endpoint adopter) {
    for (ProcessRecord& record : records_) {
        if (!record.used || record.ended || record.parent != parent || record.endpoint == adopter) continue;
        record.parent = adopter;
        record.adopted = true;
    }
}

bool ProcessTable::is_descendant(Endpoint ancestor, Endpoint process) const {
    const ProcessRecord* record = find_live(process);
    // Bounded walk: a chain of parents is never longer than the table.
    for (size_t depth = 0; record && depth < kCapacity; ++depth) {
        if (record->parent == neurath::kNone) return false;
        if (record->parent == ancestor) return true;
        record = find_live(record->parent);
    }
    return false;
}

size_t ProcessTable::live_descendants(Endpoint ancestor) const {
    size_t count = 0;
    for (const ProcessRecord& record : records_) {
        count += record.used && !record.ended && is_descendant(ancestor, record.endpoint);
    }
    return count;
}

size_t ProcessTable::live_count() const {
    size_t count = 0;
    for (const ProcessRecord& record : records_) count += record.used && !record.ended;
    return count;
}

}  // namespace pm
