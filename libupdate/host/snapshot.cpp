// snapshot.cpp — writing and reading host memory snapshots (see snapshot.h).
//
// Entry points: write_snapshot, Snapshot::load, Snapshot::reader, Snapshot::poke,
// Snapshot::relocate_code.
#include "snapshot.h"

#include <libupdate/runtime_root.h>
#include <libupdate/text.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace libupdate::host {

namespace {

constexpr char kMagic[8] = {'N', 'U', 'S', 'N', 'A', 'P', '0', '3'};

struct Mapping {
    uint64_t start;
    uint64_t end;
    uint64_t offset = 0;
    std::string path;
    bool executable = false;
    bool program = false;  // the program's own executable
};

struct MapsLine {
    Mapping mapping;
    std::string permissions;
};

std::vector<MapsLine> read_maps() {
    std::vector<MapsLine> lines;
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        std::istringstream fields(line);
        std::string range, permissions, offset, device, inode, path;
        fields >> range >> permissions >> offset >> device >> inode;
        std::getline(fields >> std::ws, path);
        MapsLine entry;
        std::sscanf(range.c_str(), "%lx-%lx", &entry.mapping.start, &entry.mapping.end);
        entry.mapping.offset = std::strtoull(offset.c_str(), nullptr, 16);
        entry.mapping.path = path;
        entry.permissions = permissions;
        lines.push_back(entry);
    }
    return lines;
}

// Every mapping of a file (the program, shared libraries), with whether it is code.
std::vector<Mapping> file_mappings(const std::string& exe) {
    std::vector<Mapping> result;
    for (const MapsLine& line : read_maps()) {
        if (line.mapping.path.empty() || line.mapping.path[0] != '/') continue;
        Mapping m = line.mapping;
        m.executable = line.permissions.size() > 2 && line.permissions[2] == 'x';
        m.program = m.path == exe;
        result.push_back(m);
    }
    return result;
}

std::string executable_path() {
    char buffer[4096];
    ssize_t length = readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    return length > 0 ? std::string(buffer, static_cast<size_t>(length)) : std::string();
}

// Mappings that can hold program state or its metadata.
std::vector<Mapping> state_mappings() {
    std::vector<Mapping> result;
    std::string exe = executable_path();
    for (const MapsLine& line : read_maps()) {
        const std::string& path = line.mapping.path;
        if (line.permissions.size() < 2 || line.permissions[0] != 'r') continue;
        if (path == "[vvar]" || path == "[vsyscall]" || path == "[vdso]" || path == "[stack]") continue;
        bool writable = line.permissions[1] == 'w';
        if (writable || path == exe) result.push_back(line.mapping);
    }
    return result;
}

UpdateError io_error(const char* what, const char* path) {
    return make_error(neurath::Error::NotFound, "snapshot: ", what, " ", path);
}

}  // namespace

Result<void> write_snapshot(const char* path) {
    std::vector<Mapping> mappings = state_mappings();  // before opening: the stream's buffer is heap state too
    std::vector<Mapping> files = file_mappings(executable_path());
    FILE* out = std::fopen(path, "wb");
    if (!out) return io_error("cannot create", path);
    uint64_t root = reinterpret_cast<uint64_t>(&runtime_root());
    uint64_t count = mappings.size();
    bool ok = std::fwrite(kMagic, 1, sizeof kMagic, out) == sizeof kMagic && std::fwrite(&root, 8, 1, out) == 1 &&
              std::fwrite(&count, 8, 1, out) == 1;
    for (const Mapping& m : mappings) {
        uint64_t length = m.end - m.start;
        ok = ok && std::fwrite(&m.start, 8, 1, out) == 1 && std::fwrite(&length, 8, 1, out) == 1 &&
             std::fwrite(reinterpret_cast<const void*>(m.start), 1, length, out) == length;
    }
    uint64_t file_count = files.size();
    ok = ok && std::fwrite(&file_count, 8, 1, out) == 1;
    for (const Mapping& m : files) {
        uint64_t length = m.path.size();
        uint64_t flags = (m.executable ? 1 : 0) | (m.program ? 2 : 0);
        ok = ok && std::fwrite(&m.start, 8, 1, out) == 1 && std::fwrite(&m.end, 8, 1, out) == 1 &&
             std::fwrite(&m.offset, 8, 1, out) == 1 && std::fwrite(&flags, 8, 1, out) == 1 &&
             std::fwrite(&length, 8, 1, out) == 1 &&
             std::fwrite(m.path.data(), 1, length, out) == length;
    }
    ok = std::fclose(out) == 0 && ok;
    if (!ok) return io_error("cannot write", path);
    return {};
}

Result<void> Snapshot::load(const char* path) {
    FILE* in = std::fopen(path, "rb");
    if (!in) return io_error("cannot open", path);
    char magic[8];
    uint64_t count = 0;
    bool ok = std::fread(magic, 1, 8, in) == 8 && std::memcmp(magic, kMagic, 8) == 0 && std::fread(&root_, 8, 1, in) == 1 &&
              std::fread(&count, 8, 1, in) == 1 && count < 100000;
    regions_.clear();
    bytes_ = 0;
    for (uint64_t i = 0; ok && i < count; ++i) {
        Region region;
        uint64_t length = 0;
        ok = std::fread(&region.start, 8, 1, in) == 1 && std::fread(&length, 8, 1, in) == 1 && length < (1ull << 36);
        if (!ok) break;
        region.data.resize(length);
        ok = std::fread(region.data.data(), 1, length, in) == length;
        bytes_ += length;
        regions_.push_back(std::move(region));
    }
    uint64_t file_count = 0;
    ok = ok && std::fread(&file_count, 8, 1, in) == 1 && file_count < 100000;
    files_.clear();
    for (uint64_t i = 0; ok && i < file_count; ++i) {
        FileMapping m;
        uint64_t length = 0, flags = 0;
        ok = std::fread(&m.start, 8, 1, in) == 1 && std::fread(&m.end, 8, 1, in) == 1 &&
             std::fread(&m.offset, 8, 1, in) == 1 && std::fread(&flags, 8, 1, in) == 1 &&
             std::fread(&length, 8, 1, in) == 1 && length < 4096 && flags <= 3;
        if (!ok) break;
        m.executable = (flags & 1) != 0;
        m.program = (flags & 2) != 0;
        m.path.resize(length);
        ok = std::fread(m.path.data(), 1, length, in) == length;
        files_.push_back(std::move(m));
    }
    std::fclose(in);
    if (!ok) return io_error("malformed file", path);
    std::sort(regions_.begin(), regions_.end(), [](const Region& a, const Region& b) { return a.start < b.start; });
    merge_adjacent_regions();
    return {};
}

// A variable may straddle two mappings (e.g. the end of .data and the
// anonymous rest of .bss): make contiguous regions one.
void Snapshot::merge_adjacent_regions() {
    std::vector<Region> merged;
    for (Region& region : regions_) {
        if (!merged.empty() && merged.back().start + merged.back().data.size() == region.start) {
            merged.back().data.insert(merged.back().data.end(), region.data.begin(), region.data.end());
        } else {
            merged.push_back(std::move(region));
        }
    }
    regions_ = std::move(merged);
}

Snapshot::Region* Snapshot::region_for(uint64_t address, size_t size) {
    auto after = std::upper_bound(regions_.begin(), regions_.end(), address,
                                  [](uint64_t a, const Region& r) { return a < r.start; });
    if (after == regions_.begin()) return nullptr;
    Region& region = *(after - 1);
    if (address + size > region.start + region.data.size() || address + size < address) return nullptr;
    return &region;
}

Result<void> Snapshot::read(void* context, uint64_t address, void* out, size_t size) {
    auto* self = static_cast<Snapshot*>(context);
    Region* region = self->region_for(address, size);
    if (!region) {
        UpdateError error;
        error.code = neurath::Error::BadAddress;
        TextBuilder(error.text, kErrorTextSize).add("old image: address ").add_hex(address).add(" is not readable");
        return error;
    }
    std::memcpy(out, region->data.data() + (address - region->start), size);
    return {};
}

// Same library, same file offset, in this process. The program's own code
// is remapped by symbol instead (its metadata names every function).
Result<uint64_t> Snapshot::relocate_code(void* context, uint64_t address) {
    auto* self = static_cast<Snapshot*>(context);
    for (const FileMapping& old : self->files_) {
        if (!old.executable || old.program || address < old.start || address >= old.end) continue;
        uint64_t file_offset = old.offset + (address - old.start);
        for (const MapsLine& line : read_maps())
            if (line.mapping.path == old.path && file_offset >= line.mapping.offset &&
                file_offset < line.mapping.offset + (line.mapping.end - line.mapping.start))
                return line.mapping.start + (file_offset - line.mapping.offset);
        return make_error(neurath::Error::NotFound, "library ", old.path.c_str(), " is not loaded in the new version");
    }
    return make_error(neurath::Error::NotFound, "code address outside every library");
}

// A file mapping is never the heap; anonymous memory is taken for its free space.
const char* Snapshot::not_heap_memory(void* context, uint64_t address) {
    auto* self = static_cast<Snapshot*>(context);
    for (const FileMapping& m : self->files_)
        if (address >= m.start && address < m.end) return "a file is mapped there, not a variable";
    return nullptr;
}

MemoryReader Snapshot::reader() const {
    MemoryReader reader;
    reader.read = read;
    reader.relocate_foreign_code = relocate_code;
    reader.not_heap_memory = not_heap_memory;
    reader.context = const_cast<Snapshot*>(this);
    return reader;
}

bool Snapshot::poke(uint64_t address, const void* data, size_t size) {
    Region* region = region_for(address, size);
    if (!region) return false;
    std::memcpy(region->data.data() + (address - region->start), data, size);
    return true;
}

}  // namespace libupdate::host
