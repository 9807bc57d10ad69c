// module_info.cpp — Sys::ModuleInfo(uint64_t index, ModuleDescriptor* out):
// name and length of boot module `index` (-NotFound past the last).
//
// Entry point: sys_module_info.
#include "boot_info/boot_modules.h"
#include "core/string.h"
#include "syscalls/handlers.h"

namespace kernel {

SyscallResult sys_module_info(Process& caller, const SyscallArgs& args) {
    const BootModule* module = boot_module(args.arg[0]);
    if (module == nullptr) return Error::NotFound;
    neurath::ModuleDescriptor descriptor{};
    descriptor.length = module->end - module->start;
    copy_name(descriptor.name, sizeof descriptor.name, module->name, sizeof module->name);
    TRY(write_user(caller.space, UserPtr<neurath::ModuleDescriptor>(args.arg[1]), descriptor));
    return done(0);
}

}  // namespace kernel
