// boot_modules.h — the boot modules kept from boot (ModuleInfo/ModuleRead
// and the kernel's own start of rs).
//
// Entry points: boot_modules_init(info), boot_module(index),
// boot_module_count(), find_boot_module(name).
#pragma once

#include <stddef.h>

#include "boot_info/boot_info.h"

namespace kernel {

void boot_modules_init(const BootInfo& info);
const BootModule* boot_module(size_t index);
size_t boot_module_count();
const BootModule* find_boot_module(const char* name);

}  // namespace kernel
