// spawn.cpp — loading and starting user programs (see spawn.h).
#include "spawn.h"

#include <sys/cstring.h>
#include <sys/heap.h>
#include <sys/kernel_processes.h>
#include <sys/stdio.h>
#include <sys/vfs_client.h>

#include "ownership.h"

namespace pm {
namespace str = sys::str;
using neurath::Error;

namespace {

void set_send_bit(neurath::Privileges& privileges, Endpoint endpoint) {
    privileges.send_mask[endpoint / 64] |= uint64_t{1} << (endpoint % 64);
}

void use_fallback_profile(PmState& state) {
    str::memset(&state.manifest, 0, sizeof state.manifest);
    state.manifest.profile_count = 1;
    sys::manifest::ProgramProfile& user = state.manifest.profiles[0];
    str::strlcpy(user.name, "user", sizeof user.name);
    user.priority = 4;
    user.memory_limit = uint64_t{64} << 20;
    user.process_limit = 16;
    const Endpoint servers[] = {neurath::kPm, neurath::kVfs, neurath::kDs, neurath::kTty};
    for (Endpoint server : servers) set_send_bit(user.privileges, server);
}

bool looks_like_elf(const uint8_t* image, size_t length) {
    return length >= 64 && image[0] == 0x7F && image[1] == 'E' && image[2] == 'L' && image[3] == 'F' &&
           image[4] == 2 /* 64-bit */;
}

const char* base_name(const char* path) {
    const char* slash = str::strrchr(path, '/');
    return slash ? slash + 1 : path;
}

uint64_t pid_of(Endpoint endpoint) {
    const sys::Result<neurath::ProcessInfo> process = sys::process_at(endpoint);
    return process.ok() ? process.value().pid : 0;
}

}  // namespace

void load_profiles(PmState& state) {
    state.manifest_loaded = true;
    size_t length = 0;
    auto text = sys::vfs::read_whole_file(kManifestPath, &length);
    if (text.is_error()) {
        sys::log("pm: cannot read %s (%s); user programs get the default profile\n", kManifestPath,
                 neurath::error_name(text.error()));
        use_fallback_profile(state);
        return;
    }
    sys::manifest::ParseError error;
    auto parsed = sys::manifest::parse(reinterpret_cast<const char*>(text.value()), length, state.manifest, error);
    free(text.value());
    if (parsed.is_error() || !state.manifest.profile("user")) {
        sys::log("pm: %s line %u: %s; using the default profile\n", kManifestPath, error.line, error.reason);
        use_fallback_profile(state);
    }
}

Result<Spawned> spawn_program(PmState& state, const char* path, const char* args, uint32_t args_length,
                              Endpoint parent) {
    if (!state.manifest_loaded) load_profiles(state);
    if (args_length > neurath::kArgBlockSize) return Error::TooBig;
    const sys::manifest::ProgramProfile* profile = state.manifest.profile_for(path);
    if (!profile) return Error::PermissionDenied;
    TRY(check_process_limit(state.processes, parent));
    size_t length = 0;
    uint8_t* image = TRY(sys::vfs::read_whole_file(path, &length));
    if (!looks_like_elf(image, length)) {
        free(image);
        return Error::BadExecutable;
    }
    neurath::SpawnRequest request;
    str::memset(&request, 0, sizeof request);
    request.image = image;
    request.image_length = length;
    str::strlcpy(request.name, base_name(path), sizeof request.name);
    if (args_length == 0) {
        str::strlcpy(request.args, path, sizeof request.args);
        args_length = static_cast<uint32_t>(str::strlen(request.args) + 1);
    } else {
        str::memcpy(request.args, args, args_length);
    }
    request.args_length = args_length;
    request.endpoint = neurath::kNone;
    request.supervisor = neurath::kPm;
    request.priority = profile->priority;
    request.privileges = profile->privileges;
    request.state_source = neurath::kNone;
    request.memory_limit = profile->memory_limit;
    auto endpoint = sys::proc_spawn(request);
    free(image);
    if (endpoint.is_error()) return endpoint.error();
    const Spawned spawned{endpoint.value(), pid_of(endpoint.value())};
    auto added = state.processes.add(spawned.endpoint, spawned.pid, parent, request.name);
    if (added.is_error()) {
        (void)sys::proc_kill(spawned.endpoint, -1);
        return added.error();
    }
    added.value()->process_limit = profile->process_limit;
    added.value()->kill_scope = profile->kill_scope;
    return spawned;
}

void start_init(PmState& state) {
    if (!state.manifest_loaded) load_profiles(state);
    const char* init = state.manifest.init;
    if (init[0] == '\0') return;
    auto spawned = spawn_program(state, init, nullptr, 0, neurath::kNone);
    if (spawned.is_error()) {
        sys::log("pm: cannot start %s: %s\n", init, neurath::error_name(spawned.error()));
        return;
    }
    state.init_endpoint = spawned.value().endpoint;
    state.processes.hand_children_to(neurath::kNone, state.init_endpoint);  // orphans of a previous init
    sys::log("pm: started %s (endpoint %d)\n", init, state.init_endpoint);
}

void adopt_running_programs(PmState& state) {
    const sys::Result<sys::KernelProcesses> kernel = sys::read_kernel_processes();
    if (kernel.is_error()) return;
    const char* init_name = base_name(state.manifest.init);
    uint32_t adopted = 0;
    for (uint64_t i = 0; i < kernel.value().count; ++i) {
        const neurath::ProcessInfo& info = kernel.value().entries[i];
        if (info.state == neurath::ProcState::Dead || info.supervisor != neurath::kPm) continue;
        char name[neurath::kNameLength];
        str::strlcpy(name, info.name, sizeof name);
        if (state.processes.add(info.endpoint, info.pid, neurath::kNone, name).is_error()) continue;
        ++adopted;
        if (init_name[0] != '\0' && str::strcmp(name, init_name) == 0) state.init_endpoint = info.endpoint;
    }
    if (state.init_endpoint != neurath::kNone) state.processes.hand_children_to(neurath::kNone, state.init_endpoint);
    sys::log("pm: adopted %u running programs\n", adopted);
}

}  // namespace pm
