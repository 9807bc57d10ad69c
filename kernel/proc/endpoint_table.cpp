// endpoint_table.cpp — endpoint name table (see endpoint_table.h).
//
// Entry points: EndpointTable methods.
#include "proc/endpoint_table.h"

#include "core/string.h"

namespace kernel {

Result<void> EndpointTable::bind(Endpoint endpoint, int32_t slot, const char* name) {
    if (!in_range(endpoint) || slot < 0) return Error::InvalidArgument;
    Entry& entry = entries_[endpoint];
    if (entry.status == EndpointStatus::Live) return Error::AlreadyExists;
    entry.status = EndpointStatus::Live;
    entry.slot = slot;
    copy_name(entry.name, sizeof entry.name, name, neurath::kNameLength);
    return {};
}

Result<Endpoint> EndpointTable::allocate_user() {
    constexpr Endpoint first = neurath::kFirstUserEndpoint;
    constexpr Endpoint count = neurath::kMaxEndpoints - first;
    constexpr EndpointStatus preference[] = {EndpointStatus::Free, EndpointStatus::Dead};
    for (EndpointStatus wanted : preference) {
        for (Endpoint step = 0; step < count; ++step) {
            Endpoint candidate = first + (next_user_ - first + step) % count;
            if (entries_[candidate].status != wanted) continue;
            next_user_ = candidate + 1 < neurath::kMaxEndpoints ? candidate + 1 : first;
            return candidate;
        }
    }
    return Error::NoSpace;
}

Result<int32_t> EndpointTable::lookup(Endpoint endpoint) const {
    if (!in_range(endpoint)) return Error::NoSuchEndpoint;
    const Entry& entry = entries_[endpoint];
    if (entry.status == EndpointStatus::Free) return Error::NoSuchEndpoint;
    if (entry.status == EndpointStatus::Dead) return Error::DeadEndpoint;
    return entry.slot;
}

void EndpointTable::mark_dead(Endpoint endpoint) {
    if (!in_range(endpoint) || entries_[endpoint].status != EndpointStatus::Live) return;
    entries_[endpoint].status = EndpointStatus::Dead;
    entries_[endpoint].slot = -1;
}

Result<void> EndpointTable::swap(Endpoint a, Endpoint b) {
    if (a == b) return Error::InvalidArgument;
    TRY(lookup(a));
    TRY(lookup(b));
    Entry saved = entries_[a];
    entries_[a] = entries_[b];
    entries_[b] = saved;
    return {};
}

EndpointStatus EndpointTable::status(Endpoint endpoint) const {
    return in_range(endpoint) ? entries_[endpoint].status : EndpointStatus::Free;
}

const char* EndpointTable::name_of(Endpoint endpoint) const { return in_range(endpoint) ? entries_[endpoint].name : ""; }

}  // namespace kernel
