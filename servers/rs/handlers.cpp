// handlers.cpp — rs's requests (service list, crash injection, shutdown) and
// the kernel's exit/fault reports that drive restarts.
#include "handlers.h"

#include "process_lookup.h"

#include <sys/format.h>
#include <sys/grant.h>
#include <sys/stdio.h>
#include <sys/ustar.h>

namespace rs {
namespace pr = protocol::rs;
using neurath::Error;
using neurath::Message;
using neurath::payload_of;
using sys::Disposition;

namespace {

Result<Disposition> handle_service_list(RsState& state, const Message& request, Message& reply) {
    const auto& in = payload_of<pr::ServiceListRequest>(request);
    const uint64_t capacity = in.entries.length / sizeof(pr::ServiceEntry);
    const Supervisor& supervisor = state.supervisor;
    uint32_t written = 0;
    for (; written < capacity && written < supervisor.service_count(); ++written) {
        pr::ServiceEntry entry = supervisor.entry_for(written);
        auto process = process_at(entry.endpoint);
        entry.version = process.ok() ? process.value().version : 0;
        TRY(sys::copy_to_grant(request.source, in.entries, written * sizeof entry, &entry, sizeof entry));
    }
    payload_of<pr::ServiceListReply>(reply) = {written, supervisor.service_count()};
    return Disposition::Reply;
}

Result<Disposition> handle_crash_service(RsState& state, const Message& request, Message&) {
    pr::CrashServiceRequest in = payload_of<pr::CrashServiceRequest>(request);
    in.name[sizeof in.name - 1] = '\0';
    const ServiceSpec* spec = state.supervisor.manifest().find(in.name);
    if (!spec) return Error::NotFound;
    if (state.supervisor.record_for(spec->endpoint)->state != pr::ServiceState::Running) return Error::DeadEndpoint;
    sys::log("rs: injecting a crash into %s (endpoint %d)\n", spec->name, spec->endpoint);
    Message crash{};
    crash.type = protocol::common::kCrashInject;
    TRY(sys::send(spec->endpoint, crash));
    return Disposition::Reply;
}

Result<Disposition> handle_shutdown(RsState&, const Message& request, Message&) {
    const int32_t code = payload_of<pr::ShutdownRequest>(request).code;
    sys::log("rs: shutdown requested by endpoint %d (code %d)\n", request.source, code);
    TRY(sys::shutdown(code));
    return Disposition::Reply;
}

void restart_after_end(RsState& state, Endpoint endpoint) {
    const ServiceSpec* spec = state.supervisor.manifest().find(endpoint);
    const EndAction action = state.supervisor.on_service_ended(endpoint);
    if (!spec) return;
    const ServiceRecord* record = state.supervisor.record_for(endpoint);
    switch (action) {
    case EndAction::Restarted:
        sys::log("rs: restarted %s at endpoint %d (restart %u)\n", spec->name, endpoint, record->restarts);
        break;
    case EndAction::GaveUp:
        sys::log("rs: %s failed %u times, giving up\n", spec->name, record->restarts);
        break;
    case EndAction::RestartFailed:
        sys::log("rs: restart of %s failed\n", spec->name);
        break;
    case EndAction::NotAService: break;
    }
}

Result<Disposition> handle_exited(RsState& state, const Message& request, Message&) {
    const auto& report = payload_of<neurath::ExitReport>(request);
    char how[40];
    sys::format(how, sizeof how, "exited with status %d", report.status);
    if (state.updates.on_process_ended(report.endpoint, how)) return Disposition::NoReply;
    const ServiceSpec* spec = state.supervisor.manifest().find(report.endpoint);
    sys::log("rs: service %s (endpoint %d) exited with status %d\n", spec ? spec->name : "?", report.endpoint,
             report.status);
    restart_after_end(state, report.endpoint);
    return Disposition::NoReply;
}

Result<Disposition> handle_faulted(RsState& state, const Message& request, Message&) {
    const auto& report = payload_of<neurath::FaultReport>(request);
    char how[64];
    sys::format(how, sizeof how, "crashed (vector %u at %p)", report.vector, reinterpret_cast<void*>(report.instruction));
    if (state.updates.on_process_ended(report.endpoint, how)) return Disposition::NoReply;
    const ServiceSpec* spec = state.supervisor.manifest().find(report.endpoint);
    sys::log("rs: service %s (endpoint %d) crashed: vector %u at rip %p, address %p\n", spec ? spec->name : "?",
             report.endpoint, report.vector, reinterpret_cast<void*>(report.instruction),
             reinterpret_cast<void*>(report.fault_address));
    restart_after_end(state, report.endpoint);
    return Disposition::NoReply;
}

}  // namespace

Result<void> start_services(RsState& state, const sys::StartInfo&) {
    state.image = TRY(load_boot_image());
    sys::UstarReader reader(state.image.data, state.image.length);
    const sys::UstarEntry conf = TRY(reader.find(kManifestPath));
    static Manifest manifest;
    sys::manifest::ParseError error;
    if (sys::manifest::parse(reinterpret_cast<const char*>(conf.data), conf.size, manifest, error).is_error()) {
        sys::log("rs: %s line %u: %s\n", kManifestPath, error.line, error.reason);
        return Error::InvalidArgument;
    }
    TRY(claim_devices(manifest, state.devices));
    sys::log("rs: starting %u services\n", manifest.service_count);
    auto started = state.supervisor.start_all(manifest);
    if (started.is_error()) sys::log("rs: %s: services depend on each other in a cycle\n", kManifestPath);
    return started;
}

sys::DispatchTable<RsState> make_table() {
    sys::DispatchTable<RsState> table(protocol::kRsBase);
    table.on(pr::kServiceList, handle_service_list)
        .on(pr::kCrashService, handle_crash_service)
        .on(pr::kShutdown, handle_shutdown)
        .on(neurath::kmsg::kProcessExited, handle_exited)
        .on(neurath::kmsg::kProcessFaulted, handle_faulted);
    add_update_routes(table);
    add_device_routes(table);
    return table;
}

}  // namespace rs
