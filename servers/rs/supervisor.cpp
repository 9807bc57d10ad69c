// supervisor.cpp — start order and restart policy (see supervisor.h).
#include "supervisor.h"

#include <sys/cstring.h>

namespace rs {
using protocol::rs::ServiceState;

Result<void> Supervisor::start_all(const Manifest& manifest) {
    manifest_ = manifest;
    uint32_t order[kMaxServices];
    TRY(sys::manifest::start_order(manifest_, order));
    for (uint32_t i = 0; i < manifest_.service_count; ++i) {
        const uint32_t index = order[i];
        ServiceRecord& record = records_[index];
        record = {ServiceState::Stopped, 0, 0};
        auto started = launcher_(context_, manifest_.services[index], sys::StartKind::Fresh, 0);
        record.state = started.ok() ? ServiceState::Running : ServiceState::Failed;
        record.pid = started.value_or(0);
    }
    return {};
}

ServiceRecord* Supervisor::record_for(Endpoint endpoint) {
    const ServiceSpec* spec = manifest_.find(endpoint);
    return spec ? &records_[spec - manifest_.services] : nullptr;
}

EndAction Supervisor::on_service_ended(Endpoint endpoint) {
    const ServiceSpec* spec = manifest_.find(endpoint);
    if (!spec) return EndAction::NotAService;
    ServiceRecord& record = records_[spec - manifest_.services];
    if (record.restarts >= kMaxRestarts) {
        record.state = ServiceState::Failed;
        record.pid = 0;
        return EndAction::GaveUp;
    }
    record.state = ServiceState::Restarting;
    auto started = launcher_(context_, *spec, sys::StartKind::Restart, record.restarts + 1);
    ++record.restarts;
    record.state = started.ok() ? ServiceState::Running : ServiceState::Failed;
    record.pid = started.value_or(0);
    return started.ok() ? EndAction::Restarted : EndAction::RestartFailed;
}

protocol::rs::ServiceEntry Supervisor::entry_for(uint32_t index) const {
    protocol::rs::ServiceEntry entry;
    sys::str::memset(&entry, 0, sizeof entry);
    const ServiceSpec& spec = manifest_.services[index];
    sys::str::strlcpy(entry.name, spec.name, sizeof entry.name);
    entry.endpoint = spec.endpoint;
    entry.state = records_[index].state;
    entry.restarts = records_[index].restarts;
    entry.pid = records_[index].pid;
    return entry;
}

}  // namespace rs
