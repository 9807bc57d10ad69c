// proc_spawn.cpp — Sys::ProcSpawn(const SpawnRequest*) -> endpoint: start a
// process from an ELF image in the caller's memory.
//
// Entry point: sys_proc_spawn.
// Decode copies the request in, bounds every field, checks that the child
// gets no privileged kernel call, I/O port or IRQ line the caller lacks and resolves the state
// source (live-update: the old version whose memory the child may read) to
// that process's pid; invoke validates the image fully before creating
// anything (spawn_process), so a bad image returns -BadExecutable and leaves
// no trace. The memory limit becomes the child's page limit, set before its
// image is loaded, so image, stack and heap all count (-MemoryLimit).
#include "core/string.h"
#include "memory/paging.h"
#include "proc/hardware_privileges.h"
#include "proc/lifecycle.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

constexpr uint64_t kMaxImageLength = 64ull << 20;
constexpr uint64_t kProcMemoryWriteBit = uint64_t{1} << static_cast<uint64_t>(neurath::Sys::ProcMemoryWrite);

struct UserImage {
    const AddressSpace* space;
    uint64_t address;
};

Result<void> read_user_image(const void* context, uint64_t offset, void* out, uint64_t length) {
    auto* image = static_cast<const UserImage*>(context);
    return copy_from_user(*image->space, out, image->address + offset, length);
}

struct SpawnDecoded {
    SpawnPlan plan;
    UserImage image;
    uint64_t image_length;
};

// The capability to read a process's memory may only be handed out by a
// spawner that may write any process's memory itself (the update manager):
// the child never gets more than its spawner. Any endpoint without a live
// process is -NoSuchEndpoint.
Result<uint64_t> decode_state_source(const Process& caller, Endpoint state_source) {
    if (state_source == neurath::kNone) return uint64_t{0};
    if ((caller.privileges.kernel_calls & kProcMemoryWriteBit) == 0) return Error::PermissionDenied;
    Result<Process*> source = live_process(state_source);
    if (source.is_error()) return Error::NoSuchEndpoint;
    return source.value()->pid;
}

// A memory limit in bytes -> pages (rounded down; a non-zero limit is at
// least one page). A spawner with a limit of its own cannot hand out more.
// A new version spawned without a limit runs under the limit of the process
// it replaces (its state source), so a live update never lifts a limit.
Result<uint64_t> decode_page_limit(const Process& caller, uint64_t memory_limit, Endpoint state_source) {
    uint64_t pages = memory_limit / kPageSize;
    if (memory_limit != 0 && pages == 0) pages = 1;
    if (pages == 0 && state_source != neurath::kNone) {
        Result<Process*> source = live_process(state_source);
        if (source.ok()) pages = source.value()->space.page_limit();
    }
    const uint64_t own = caller.space.page_limit();
    if (own != 0 && (pages == 0 || pages > own)) return Error::PermissionDenied;
    return pages;
}

Result<SpawnDecoded> decode_spawn(const Process& caller, const SyscallArgs& args) {
    neurath::SpawnRequest request = TRY(read_user(caller.space, UserPtr<neurath::SpawnRequest>(args.arg[0])));
    if (request.image_length == 0 || request.image_length > kMaxImageLength) return Error::BadExecutable;
    auto image_address = reinterpret_cast<uint64_t>(request.image);
    TRY(check_user_range(caller.space, image_address, request.image_length, Access::Read));
    if (request.args_length > neurath::kArgBlockSize) return Error::InvalidArgument;
    if ((request.privileges.kernel_calls & ~caller.privileges.kernel_calls) != 0) return Error::PermissionDenied;
    TRY(check_child_hardware(caller.privileges, request.privileges));
    SpawnDecoded decoded;
    decoded.plan.state_source_pid = TRY(decode_state_source(caller, request.state_source));
    decoded.plan.page_limit = TRY(decode_page_limit(caller, request.memory_limit, request.state_source));
    copy_name(decoded.plan.name, sizeof decoded.plan.name, request.name, sizeof request.name);
    copy_bytes(decoded.plan.args, request.args, sizeof request.args);
    decoded.plan.args_length = request.args_length;
    decoded.plan.endpoint = request.endpoint;
    decoded.plan.supervisor = request.supervisor;
    decoded.plan.priority = request.priority;
    decoded.plan.privileges = request.privileges;
    decoded.image = UserImage{&caller.space, image_address};
    decoded.image_length = request.image_length;
    return decoded;
}

}  // namespace

SyscallResult sys_proc_spawn(Process& caller, const SyscallArgs& args) {
    SpawnDecoded decoded = TRY(decode_spawn(caller, args));
    ImageSource source{read_user_image, &decoded.image, decoded.image_length};
    Process* child = TRY(spawn_process(decoded.plan, source));
    return done(child->endpoint);
}

}  // namespace kernel
