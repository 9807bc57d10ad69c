// ownership.cpp — pm's kill permission and process-count limits (see ownership.h).
#include "ownership.h"

namespace pm {
using neurath::Error;
using sys::manifest::KillScope;

namespace {

bool is_server(Endpoint endpoint) { return endpoint >= 0 && endpoint < neurath::kFirstUserEndpoint; }

}  // namespace

Result<void> check_kill(const ProcessTable& table, Endpoint caller, Endpoint target, Endpoint init) {
    if (is_server(target)) return Error::PermissionDenied;
    if (!table.find_live(target)) return Error::NotFound;
    if (is_server(caller)) return {};
    const ProcessRecord* killer = table.find_live(caller);
    if (!killer) return Error::PermissionDenied;  // not a program pm started: it owns nothing
    if (killer->kill_scope == KillScope::Programs) return {};
    if (target == init) return Error::PermissionDenied;
    if (target == caller || table.is_descendant(caller, target)) return {};
    return Error::PermissionDenied;
}

Result<void> check_process_limit(const ProcessTable& table, Endpoint parent) {
    const ProcessRecord* ancestor = table.find_live(parent);
    for (size_t depth = 0; ancestor && depth < ProcessTable::kCapacity; ++depth) {
        if (ancestor->process_limit != 0 && table.live_descendants(ancestor->endpoint) + 1 > ancestor->process_limit)
            return Error::ProcessLimit;
        if (ancestor->parent == neurath::kNone) break;
        ancestor = table.find_live(ancestor->parent);
    }
    return {};
}

}  // namespace pm
