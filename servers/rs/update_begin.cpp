// update_begin.cpp — the start of a live-update transaction, everything that
// happens before the first server stops taking requests: resolve the names
// the user gave, load and validate every binary, spawn the new versions
// (each with a capability to read only its old version's memory), then ask
// the old versions to prepare, callers before the servers they call.
// Any refusal here undoes what was done and changes nothing.
//
// Entry points: UpdateManager::begin and its helpers (update_manager.h).
#include <libupdate/runtime_root.h>
#include <neurath/version.h>
#include <sys/args.h>
#include <sys/cstring.h>
#include <sys/format.h>
#include <sys/grant.h>
#include <sys/stdio.h>
#include <sys/vfs_client.h>

#include "handlers.h"
#include "process_lookup.h"

namespace rs {
namespace {

using neurath::Error;
namespace prs = protocol::rs;
namespace pu = protocol::update;
namespace str = sys::str;

Result<void> refuse(Error error, char* why, size_t capacity, const char* text) {
    str::strlcpy(why, text, capacity);
    return error;
}

bool terminated(const char* field, size_t size) { return str::strnlen(field, size) < size; }

Result<void> check_spec(const prs::UpdateSpec& spec, char* why, size_t capacity) {
    if (spec.target_count == 0 || spec.target_count > prs::kMaxUpdateTargets)
        return refuse(Error::InvalidArgument, why, capacity, "an update names 1 to 6 servers or programs");
    if (!terminated(spec.state_filter, sizeof spec.state_filter))
        return refuse(Error::NameTooLong, why, capacity, "state filter too long");
    const uint32_t known = prs::kUpdatePrepareOnly | prs::kUpdateRoundTrip | prs::kUpdateUndo;
    if (spec.flags & ~known) return refuse(Error::InvalidArgument, why, capacity, "unknown update flags");
    for (uint32_t i = 0; i < spec.target_count; ++i) {
        const prs::UpdateTarget& target = spec.targets[i];
        if (!terminated(target.name, sizeof target.name) || !terminated(target.binary, sizeof target.binary))
            return refuse(Error::NameTooLong, why, capacity, "a name or binary path is too long");
        if (target.name[0] == '\0') return refuse(Error::InvalidArgument, why, capacity, "an update target has no name");
        const bool undo = (spec.flags & prs::kUpdateUndo) != 0;
        if (!undo && target.binary[0] == '\0') {
            sys::format(why, capacity, "%s: no binary given", target.name);
            return Error::InvalidArgument;
        }
    }
    return {};
}

// Callers first: a program before the servers, a server before those it
// depends on, so no prepared server is waited on by one still quiescing.
uint32_t prepare_rank(const Manifest& manifest, const Participant& part) {
    if (!part.is_service) return 0;
    uint32_t order[kMaxServices];
    if (sys::manifest::start_order(manifest, order).is_error()) return 1;
    const ServiceSpec* spec = manifest.find(part.endpoint);
    for (uint32_t i = 0; i < manifest.service_count; ++i)
        if (&manifest.services[order[i]] == spec) return 1 + manifest.service_count - i;
    return 1;
}

}  // namespace

Result<void> UpdateManager::resolve_targets(RsState& rs, const prs::UpdateSpec& spec, char* why, size_t capacity) {
    const Manifest& manifest = rs.supervisor.manifest();
    for (uint32_t i = 0; i < spec.target_count; ++i) {
        Participant& part = transaction_.parts[i];
        part = Participant{};
        const char* name = spec.targets[i].name;
        uint32_t matches = 0;
        Result<neurath::ProcessInfo> process = Error::NotFound;
        if (const ServiceSpec* spec_of = manifest.find(name)) process = process_at(spec_of->endpoint);
        else if (str::strcmp(name, "rs") == 0) process = process_at(neurath::kRs);
        else process = find_process(name, matches);
        if (process.is_error()) {
            if (process.error() == Error::Busy)
                sys::format(why, capacity, "%s: %u processes have that name; give a pid", name, matches);
            else
                sys::format(why, capacity, "%s: no running server or program of that name or pid", name);
            return process.error();
        }
        const neurath::ProcessInfo& info = process.value();
        str::strlcpy(part.name, info.name, sizeof part.name);
        part.endpoint = info.endpoint;
        part.is_service = manifest.find(info.endpoint) != nullptr;
        part.is_self = info.endpoint == neurath::kRs;
        part.priority = info.priority;
        part.old_pid = info.pid;
        part.old_version = info.version;
        for (uint32_t j = 0; j < i; ++j) {
            if (transaction_.parts[j].endpoint != part.endpoint) continue;
            sys::format(why, capacity, "%s: named twice in one update", part.name);
            return Error::InvalidArgument;
        }
        transaction_.count = i + 1;
    }
    return {};
}

// A program pm started from /bin/<name> (the name pm gives a process).
static Result<Binary> read_program_binary(const char* name) {
    char path[prs::kMaxUpdatePath];
    sys::format(path, sizeof path, "/bin/%s", name);
    size_t length = 0;
    uint8_t* data = TRY(sys::vfs::read_whole_file(path, &length));
    return Binary{data, length, neurath::image_version(data, length)};
}

// The binary a participant runs now, kept for `update --undo`: rs's copy,
// its boot module or its file in /bin, when that is exactly what runs (the
// same build identity as the running process); else empty.
static Binary running_binary(RsState& rs, const Participant& part) {
    Result<Binary> copy = Error::NotFound;
    if (const Binary* kept = rs.updates.store().current(part.name))
        copy = copy_binary(kept->data, kept->length);
    else if (const ServiceSpec* spec = rs.supervisor.manifest().find(part.endpoint))
        copy = copy_service_executable(rs.sources, *spec);
    else if (part.is_self)
        copy = copy_boot_module("rs");
    else
        copy = read_program_binary(part.name);
    if (copy.is_error()) return Binary{};
    Binary binary = copy.release_value();
    if (binary.version != part.old_version) release_binary(binary);  // not what runs: unknown
    return binary;
}

Result<void> UpdateManager::load_binaries(RsState& rs, const prs::UpdateSpec& spec, char* why, size_t capacity) {
    for (uint32_t i = 0; i < transaction_.count; ++i) {
        Participant& part = transaction_.parts[i];
        if (transaction_.undo()) {
            const Binary* previous = store_.previous(part.name);
            if (!previous) {
                sys::format(why, capacity, "%s: no committed update to undo", part.name);
                return Error::NotFound;
            }
            part.new_binary = TRY(copy_binary(previous->data, previous->length));
            TRY(validate_update_binary(part.new_binary.data, part.new_binary.length, "the previous binary", part.name,
                                       why, capacity));
        } else {
            part.new_binary = TRY(load_update_binary(spec.targets[i].binary, part.name, why, capacity));
        }
        part.old_binary = running_binary(rs, part);
        line("load      %-6s %-22s %08x -> %08x  %zu KiB", part.name,
             transaction_.undo() ? "(previous binary)" : spec.targets[i].binary,
             neurath::short_version(part.old_version), neurath::short_version(part.new_binary.version),
             part.new_binary.length / 1024);
    }
    return {};
}

Result<void> UpdateManager::spawn_new_versions(char* why, size_t capacity) {
    for (uint32_t i = 0; i < transaction_.count; ++i) {
        Participant& part = transaction_.parts[i];
        neurath::SpawnRequest request;
        str::memset(&request, 0, sizeof request);
        request.image = part.new_binary.data;
        request.image_length = part.new_binary.length;
        str::strlcpy(request.name, part.name, sizeof request.name);
        sys::ArgBlock args;
        TRY(args.append(part.name));
        TRY(args.append("--update"));
        char old_endpoint[12];
        sys::format(old_endpoint, sizeof old_endpoint, "%d", part.endpoint);
        TRY(args.append(old_endpoint));  // the new version's heap takes the other bank (sys/heap.h)
        str::memcpy(request.args, args.data(), args.length());
        request.args_length = args.length();
        request.endpoint = neurath::kNone;
        request.supervisor = neurath::kRs;
        request.priority = part.priority;
        // Until the commit exchanges privileges with the old version, the
        // new one may only report to rs (and read its old version's memory).
        request.privileges.send_mask[neurath::kRs / 64] = uint64_t{1} << (neurath::kRs % 64);
        request.state_source = part.endpoint;
        auto spawned = sys::proc_spawn(request);
        if (spawned.is_error()) {
            sys::format(why, capacity, "%s: the new version could not be started: %s", part.name,
                        neurath::error_name(spawned.error()));
            return spawned.error();
        }
        part.new_endpoint = spawned.value();
    }
    return {};
}

// Each new version starts, loads its own metadata and asks for its transfer
// order (kUpdateLoaded, whose reply waits for the transfer): all of that
// happens before anything pauses. Bounded by the transaction's deadline.
Result<void> UpdateManager::wait_until_loaded(char* why, size_t capacity) {
    (void)sys::set_alarm(transaction_.timeout_ns);
    for (uint32_t i = 0; i < transaction_.count; ++i) {
        Participant& part = transaction_.parts[i];
        // rs's own new version is waited for in the event loop: its request
        // starts rs's transfer, which must not run inside this request.
        while (!part.loaded && !part.is_self) {
            neurath::Message message;
            Result<void> got = sys::receive(part.new_endpoint, message);
            if (got.is_error()) {
                (void)sys::set_alarm(0);
                if (got.error() == Error::Timeout)
                    sys::format(why, capacity, "%s: the new version did not start within %llu ms", part.name,
                                static_cast<unsigned long long>(transaction_.timeout_ns / 1'000'000ull));
                else
                    sys::format(why, capacity, "%s: the new version ended while starting", part.name);
                return got.error();
            }
            part.loaded = message.type == prs::kUpdateLoaded;  // its reply is the transfer order, later
        }
    }
    (void)sys::set_alarm(0);
    return {};
}

Result<void> UpdateManager::prepare_all(char* why, size_t capacity) {
    Participant* order[prs::kMaxUpdateTargets];
    for (uint32_t i = 0; i < transaction_.count; ++i) order[i] = &transaction_.parts[i];
    for (uint32_t i = 0; i < transaction_.count; ++i) {  // prepare in the order the manifest implies
        for (uint32_t j = i + 1; j < transaction_.count; ++j)
            if (order[j]->prepare_rank < order[i]->prepare_rank) {
                Participant* swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
    }
    const size_t filter_length = str::strlen(transaction_.state_filter);
    for (uint32_t i = 0; i < transaction_.count; ++i) {
        Participant& part = *order[i];
        if (part.is_self && transaction_.state_filter[0]) {
            sys::format(why, capacity, "rs: a state filter cannot be given when rs replaces itself "
                                       "(it is always between two requests when its turn comes)");
            return Error::NotSupported;
        }
        if (part.is_self) {  // rs is between two messages: that is its quiescent state
            part.parked = true;
            part.runtime_root = reinterpret_cast<uint64_t>(&libupdate::runtime_root());
            continue;
        }
        char server_says[pu::kMaxErrorText] = {};
        sys::Grant filter = filter_length ? TRY(sys::Grant::create(part.endpoint, transaction_.state_filter,
                                                                   filter_length, neurath::kGrantRead))
                                          : sys::Grant::none();
        sys::Grant error_text = TRY(sys::Grant::create(part.endpoint, server_says, sizeof server_says, neurath::kGrantWrite));
        neurath::Message message{};
        message.type = pu::kPrepare;
        neurath::payload_of<pu::PrepareRequest>(message) = {filter.ref(), error_text.ref()};
        Result<void> sent = sys::sendrec(part.endpoint, message);
        const Error error = sent.is_error() ? sent.error() : protocol::error_of_reply(message.type);
        if (error != Error::None) {
            server_says[sizeof server_says - 1] = '\0';
            sys::format(why, capacity, "%s: cannot prepare: %s", part.name,
                        server_says[0] ? server_says : neurath::error_name(error));
            return error;
        }
        if (!part.prepared && transaction_.hold_started_ns == 0) transaction_.hold_started_ns = sys::uptime_ns();
        part.prepared = true;
    }
    return {};
}

// A refused transaction: new versions ended, prepared servers resumed,
// binaries released. Nothing it did remains.
void UpdateManager::discard_refused() {
    for (uint32_t i = 0; i < transaction_.count; ++i) {
        Participant& part = transaction_.parts[i];
        if (part.new_endpoint != neurath::kNone) {
            expect_end(part.new_endpoint);
            (void)sys::proc_kill(part.new_endpoint, 1);
        }
        if (part.prepared) (void)sys::notify(part.endpoint, pu::kAbortTag);
        release_binary(part.new_binary);
        release_binary(part.old_binary);
    }
    transaction_ = Transaction{};
}

Result<uint32_t> UpdateManager::begin(RsState& rs, const prs::UpdateSpec& spec, char* why, size_t capacity) {
    if (transaction_.active()) {
        sys::format(why, capacity, "update %u is still running; one update at a time", transaction_.id);
        return Error::Busy;
    }
    TRY(check_spec(spec, why, capacity));
    transaction_ = Transaction{};
    transaction_.id = next_id_;
    transaction_.flags = spec.flags;
    transaction_.timeout_ns = spec.timeout_ms ? spec.timeout_ms * 1'000'000ull : kDefaultUpdateTimeoutNs;
    str::strlcpy(transaction_.state_filter, spec.state_filter, sizeof transaction_.state_filter);
    transaction_.phase_started_ns = sys::uptime_ns();
    Result<void> ready = resolve_targets(rs, spec, why, capacity);
    if (ready.ok()) {
        for (uint32_t i = 0; i < transaction_.count; ++i)
            transaction_.parts[i].prepare_rank = prepare_rank(rs.supervisor.manifest(), transaction_.parts[i]);
        ready = load_binaries(rs, spec, why, capacity);
    }
    if (ready.ok()) ready = spawn_new_versions(why, capacity);
    if (ready.ok()) ready = wait_until_loaded(why, capacity);
    if (ready.is_error()) {
        discard_refused();
        return ready.error();
    }
    end_phase(UpdatePhase::Load);
    transaction_.stage = UpdateStage::Quiescing;
    ready = prepare_all(why, capacity);
    if (ready.is_error()) {
        discard_refused();
        return ready.error();
    }
    ++next_id_;
    (void)sys::set_alarm(transaction_.timeout_ns);
    sys::log("rs: update %u: %u participant(s) quiescing\n", transaction_.id, transaction_.count);
    end_quiescence_if_all_parked();  // rs alone is parked already (its transfer waits for its new version)
    return transaction_.id;
}

}  // namespace rs
