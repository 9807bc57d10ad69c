// boot_image.cpp — reads boot modules and spawns services from them.
//
// A service's executable comes from the boot module of the same name (the
// boot loader carries rs pm vfs ds tty as modules); a service without a
// module of its own is taken from its `program` path in the boot image.
#include "boot_image.h"

#include <neurath/version.h>

#include "process_lookup.h"
#include "update_store.h"

#include <sys/args.h>
#include <sys/cstring.h>
#include <sys/format.h>
#include <sys/heap.h>
#include <sys/stdio.h>
#include <sys/ustar.h>

namespace rs {
namespace str = sys::str;
using neurath::Error;

namespace {

constexpr uint64_t kMaxModules = 64;

Result<uint64_t> find_module(const char* wanted, uint64_t& length) {
    for (uint64_t index = 0; index < kMaxModules; ++index) {
        neurath::ModuleDescriptor descriptor;
        if (sys::module_info(index, descriptor).is_error()) break;
        descriptor.name[sizeof descriptor.name - 1] = '\0';
        if (str::strcmp(descriptor.name, wanted) == 0) {
            length = descriptor.length;
            return index;
        }
    }
    return Error::NotFound;
}

// The kernel's pid of the process at `endpoint` (0 when ProcList is unavailable).
uint64_t pid_of(neurath::Endpoint endpoint) {
    auto process = process_at(endpoint);
    return process.ok() ? process.value().pid : 0;
}

Result<void> build_args(const ServiceSpec& spec, sys::StartKind kind, uint32_t restarts, sys::ArgBlock& args) {
    TRY(args.append(spec.name));
    if (kind == sys::StartKind::Restart) {
        char count[12];
        sys::format(count, sizeof count, "%u", restarts);
        TRY(args.append("--restart"));
        TRY(args.append(count));
    }
    return {};
}

}  // namespace

// A copy of the named boot module in rs's heap; the caller frees `data`. A
// module is data (live update copies it without scanning it: LU_SITE_DATA).
[[clang::annotate("neurath.data_allocation")]] Result<BootImage> load_module(const char* name) {
    uint64_t length = 0;
    const uint64_t index = TRY(find_module(name, length));
    auto* data = static_cast<uint8_t*>(malloc(length ? length : 1));
    if (!data) return Error::NoMemory;
    uint64_t done = 0;
    while (done < length) {
        auto copied = sys::module_read(index, done, data + done, length - done);
        if (copied.is_error() || copied.value() == 0) {
            free(data);
            return copied.is_error() ? copied.error() : Error::BadMessage;
        }
        done += copied.value();
    }
    return BootImage{data, static_cast<size_t>(length)};
}

Result<BootImage> load_boot_image() { return load_module(kBootImageModule); }

Result<Binary> copy_boot_module(const char* name) {
    const BootImage module = TRY(load_module(name));
    return Binary{module.data, module.length, neurath::image_version(module.data, module.length)};
}

Result<uint64_t> launch_service(void* context, const ServiceSpec& spec, sys::StartKind kind, uint32_t restarts) {
    const auto& sources = *static_cast<const LaunchSources*>(context);
    if (const Binary* updated = sources.updates->current(spec.name))
        return spawn_service(spec, kind, restarts, updated->data, updated->length);
    auto module = load_module(spec.name);
    if (!module.is_error()) {
        auto spawned = spawn_service(spec, kind, restarts, module.value().data, module.value().length);
        free(module.value().data);
        return spawned;
    }
    sys::UstarReader reader(sources.image->data, sources.image->length);
    auto program = reader.find(spec.program);
    if (program.is_error()) {
        sys::log("rs: %s: no boot module and program %s not in boot image\n", spec.name, spec.program);
        return program.error();
    }
    return spawn_service(spec, kind, restarts, program.value().data, program.value().size);
}

Result<Binary> copy_service_executable(const LaunchSources& sources, const ServiceSpec& spec) {
    if (const Binary* updated = sources.updates->current(spec.name)) return copy_binary(updated->data, updated->length);
    auto module = load_module(spec.name);
    if (!module.is_error()) {
        Binary binary = TRY(copy_binary(module.value().data, module.value().length));
        free(module.value().data);
        return binary;
    }
    sys::UstarReader reader(sources.image->data, sources.image->length);
    const sys::UstarEntry program = TRY(reader.find(spec.program));
    return copy_binary(program.data, program.size);
}

Result<uint64_t> spawn_service(const ServiceSpec& spec, sys::StartKind kind, uint32_t restarts,
                               const void* executable, size_t length) {
    neurath::SpawnRequest request;
    str::memset(&request, 0, sizeof request);
    request.image = executable;
    request.image_length = length;
    str::strlcpy(request.name, spec.name, sizeof request.name);
    sys::ArgBlock args;
    TRY(build_args(spec, kind, restarts, args));
    str::memcpy(request.args, args.data(), args.length());
    request.args_length = args.length();
    request.endpoint = spec.endpoint;
    request.supervisor = neurath::kRs;
    request.priority = spec.priority;
    request.privileges = spec.privileges;
    request.state_source = neurath::kNone;
    auto spawned = sys::proc_spawn(request);
    if (spawned.is_error()) {
        sys::log("rs: %s: spawn failed: %s\n", spec.name, neurath::error_name(spawned.error()));
        return spawned.error();
    }
    return pid_of(spawned.value());
}

}  // namespace rs
