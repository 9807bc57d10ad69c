// boot_modules.cpp — storage of the boot module list (see boot_modules.h).
//
// Entry points: boot_modules_init, boot_module, boot_module_count,
// find_boot_module.
#include "boot_info/boot_modules.h"

#include "core/string.h"

namespace kernel {
namespace {
BootModule modules[kMaxBootModules];
size_t module_count = 0;
}  // namespace

void boot_modules_init(const BootInfo& info) {
    module_count = info.module_count;
    for (size_t i = 0; i < module_count; ++i) modules[i] = info.modules[i];
}

const BootModule* boot_module(size_t index) { return index < module_count ? &modules[index] : nullptr; }

size_t boot_module_count() { return module_count; }

const BootModule* find_boot_module(const char* name) {
    for (size_t i = 0; i < module_count; ++i) {
        if (names_equal(modules[i].name, name, neurath::kNameLength)) return &modules[i];
    }
    return nullptr;
}

}  // namespace kernel
