// proc_spawn.cpp — Sys::ProcSpawn(const SpawnRequest*) -> endpoint: start a
// process from an ELF image in the caller's memory.
//
// Entry point: sys_proc_spawn.
// Decode copies the request in, bounds every field, checks that the child
// gets no privileged kernel call, I/O port or IRQ line the caller lacks and resolves the state
// source (live-update: the old version whose memory the child may read) to
// that process's pid; invoke validates the image fully before creating
// anything (spawn_process), so a bad image returns -BadExecutable and leaves
// no trace.
#include "core/string.h"
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
