// bootimage_module.cpp — the ModuleRead-backed archive reader for the
// boot-image loader (target only).
//
// Entry point: load_boot_image. Modules are probed by index until ModuleInfo
// fails; the one named kBootImageModule is streamed through load_ustar.
#include "bootimage_module.h"

#include <sys/cstring.h>
#include <sys/kcall.h>

namespace vfs {
namespace {

constexpr uint64_t kMaxModules = 32;

struct ModuleSource {
    uint64_t index;
};

Result<uint64_t> read_module(void* context, uint64_t offset, void* buffer, uint64_t length) {
    const auto* source = static_cast<const ModuleSource*>(context);
    return sys::module_read(source->index, offset, buffer, length);
}

Result<neurath::ModuleDescriptor> find_module(const char* name, uint64_t& index) {
    for (index = 0; index < kMaxModules; ++index) {
        neurath::ModuleDescriptor descriptor{};
        if (sys::module_info(index, descriptor).is_error()) break;
        descriptor.name[neurath::kNameLength - 1] = '\0';
        if (sys::str::strcmp(descriptor.name, name) == 0) return descriptor;
    }
    return Error::NotFound;
}

}  // namespace

Result<LoadSummary> load_boot_image(FileSystem& fs) {
    uint64_t index = 0;
    const neurath::ModuleDescriptor module = TRY(find_module(kBootImageModule, index));
    ModuleSource source{index};
    return load_ustar(fs, read_module, &source, module.length);
}

}  // namespace vfs
