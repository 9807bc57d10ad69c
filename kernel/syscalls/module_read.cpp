// module_read.cpp — Sys::ModuleRead(uint64_t index, uint64_t offset, void* buf,
// uint64_t length) -> bytes copied (0 at or past the end).
//
// Entry point: sys_module_read.
#include "boot_info/boot_modules.h"
#include "memory/physical_memory.h"
#include "syscalls/handlers.h"

namespace kernel {
namespace {

struct ModuleReadRequest {
    const BootModule* module;
    uint64_t offset;
    uint64_t buffer;
    uint64_t length;
};

Result<ModuleReadRequest> decode_module_read(const SyscallArgs& args) {
    const BootModule* module = boot_module(args.arg[0]);
    if (module == nullptr) return Error::NotFound;
    ModuleReadRequest request{module, args.arg[1], args.arg[2], args.arg[3]};
    uint64_t size = module->end - module->start;
    if (request.offset >= size) request.length = 0;
    else if (request.length > size - request.offset) request.length = size - request.offset;
    return request;
}

}  // namespace

SyscallResult sys_module_read(Process& caller, const SyscallArgs& args) {
    ModuleReadRequest request = TRY(decode_module_read(args));
    const uint8_t* source = phys_to_virt(request.module->start + request.offset);
    TRY(copy_to_user(caller.space, request.buffer, source, request.length));
    return done(static_cast<int64_t>(request.length));
}

}  // namespace kernel
