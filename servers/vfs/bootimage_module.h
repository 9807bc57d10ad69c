// bootimage_module.h — finds the `bootimage` boot module and loads it into
// the file system through the ModuleInfo/ModuleRead kernel calls.
//
// Entry point: load_boot_image.
#pragma once

#include "bootimage_loader.h"

namespace vfs {

inline constexpr const char* kBootImageModule = "bootimage";

Result<LoadSummary> load_boot_image(FileSystem& fs);

}  // namespace vfs
