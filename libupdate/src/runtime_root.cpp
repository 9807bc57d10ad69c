// runtime_root.cpp — the program's RuntimeRoot and its module list, taken
// from the linker-defined bounds of the lu_modules section (metadata.h).
//
// Entry points: runtime_root, program_modules, local_memory_reader,
// read_c_string.
#include <libupdate/memory_reader.h>
#include <libupdate/platform.h>
#include <libupdate/runtime_root.h>

extern "C" {
extern const lu_module* const __start_lu_modules[] __attribute__((weak, visibility("hidden")));
extern const lu_module* const __stop_lu_modules[] __attribute__((weak, visibility("hidden")));
}

namespace libupdate {

namespace {

RuntimeRoot g_root;

Result<void> read_local(void*, uint64_t address, void* out, size_t size) {
    if (size && !address) return make_error(neurath::Error::BadAddress, "read of address 0");
    platform_copy(out, reinterpret_cast<const void*>(address), size);
    return {};
}

}  // namespace

ModuleList program_modules() {
    if (!__start_lu_modules || !__stop_lu_modules) return {nullptr, nullptr};
    return {__start_lu_modules, __stop_lu_modules};
}

const RuntimeRoot& runtime_root() {
    if (g_root.magic != kRuntimeRootMagic) {
        ModuleList modules = program_modules();
        g_root.version = kRuntimeRootVersion;
        g_root.modules_begin = modules.begin;
        g_root.modules_end = modules.end;
        g_root.heap = &heap_registry();
        g_root.external = &external_objects();
        g_root.magic = kRuntimeRootMagic;
    }
    return g_root;
}

MemoryReader local_memory_reader() {
    MemoryReader reader;
    reader.read = read_local;
    return reader;
}

Result<void> read_c_string(const MemoryReader& reader, uint64_t address, char* out, size_t capacity) {
    if (capacity == 0) return make_error(neurath::Error::InvalidArgument, "string buffer of size 0");
    constexpr size_t kChunk = 32;
    size_t length = 0;
    while (length + 1 < capacity) {
        char chunk[kChunk];
        size_t want = kChunk;
        // Do not read across a page boundary in one piece: the next page may be unmapped.
        uint64_t to_page_end = 4096 - ((address + length) & 4095);
        if (want > to_page_end) want = static_cast<size_t>(to_page_end);
        TRY(reader(address + length, chunk, want));
        for (size_t i = 0; i < want && length + 1 < capacity; ++i) {
            out[length] = chunk[i];
            if (!chunk[i]) return {};
            ++length;
        }
    }
    out[length] = '\0';
    return make_error(neurath::Error::NameTooLong, "string in the old image is too long");
}

}  // namespace libupdate
