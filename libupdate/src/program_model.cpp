// program_model.cpp — lookups over a loaded ProgramModel and type naming
// for error messages.
//
// Entry points: ProgramModel::find_*, symbol_containing, global_containing,
// StringArena::store, hash_name, kind_name, describe_type.
#include <libupdate/program_model.h>

namespace libupdate {

namespace {

bool same_name(const char* a, StringView b) { return StringView(a) == b; }

// Last index in `sorted` whose address is <= `address`, or kNoIndex.
template <typename AddressOf>
uint32_t floor_index(const Vector<uint32_t>& sorted, uint64_t address, AddressOf address_of) {
    size_t low = 0, high = sorted.size();
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (address_of(sorted[middle]) <= address) low = middle + 1;
        else high = middle;
    }
    return low == 0 ? kNoIndex : sorted[low - 1];
}

}  // namespace

uint64_t hash_name(StringView name) {
    uint64_t hash = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < name.length; ++i) {
        hash ^= static_cast<uint8_t>(name[i]);
        hash *= 0x100000001b3ull;
    }
    return hash < 2 ? hash + 2 : hash;  // keys 0 and 1 are reserved by HashMap
}

StringArena::~StringArena() {
    while (chunks_) {
        Chunk* next = chunks_->next;
        platform_release(chunks_);
        chunks_ = next;
    }
}

const char* StringArena::store(const char* text, size_t length) {
    if (!chunks_ || chunks_->capacity - chunks_->used < length + 1) {
        size_t capacity = length + 1 > 16384 ? length + 1 : 16384;
        auto* chunk = static_cast<Chunk*>(platform_allocate(sizeof(Chunk) + capacity));
        if (!chunk) return nullptr;
        chunk->next = chunks_;
        chunk->used = 0;
        chunk->capacity = capacity;
        chunks_ = chunk;
    }
    char* out = reinterpret_cast<char*>(chunks_ + 1) + chunks_->used;
    platform_copy(out, text, length);
    out[length] = '\0';
    chunks_->used += length + 1;
    return out;
}

const GlobalRecord* ProgramModel::find_global(StringView name) const {
    auto* index = const_cast<HashMap<uint32_t>&>(globals_by_name_).find(hash_name(name));
    if (index && same_name(globals[*index].name, name)) return &globals[*index];
    for (const GlobalRecord& g : globals)  // hash collision: fall back to a scan
        if (same_name(g.name, name)) return &g;
    return nullptr;
}

TypeId ProgramModel::find_type_by_name(StringView name, uint32_t kind) const {
    if (name.empty()) return kNoType;
    auto* index = const_cast<HashMap<uint32_t>&>(types_by_name_).find(hash_name(name) ^ kind);
    if (index && same_name(types[*index].name, name) && types[*index].kind == kind) return *index;
    for (TypeId i = 0; i < types.size(); ++i)
        if (types[i].kind == kind && same_name(types[i].name, name)) return i;
    return kNoType;
}

uint32_t ProgramModel::find_site_by_id(uint64_t id) const {
    auto* index = const_cast<HashMap<uint32_t>&>(sites_by_id_).find(id + 2);
    return index ? *index : kNoIndex;
}

uint32_t ProgramModel::find_site_by_address(uint64_t address) const {
    if (address < 2) return kNoIndex;
    auto* index = const_cast<HashMap<uint32_t>&>(sites_by_address_).find(address);
    return index ? *index : kNoIndex;
}

const SymbolRecord* ProgramModel::find_symbol(StringView name) const {
    auto* index = const_cast<HashMap<uint32_t>&>(symbols_by_name_).find(hash_name(name));
    if (index && same_name(symbols[*index].name, name)) return &symbols[*index];
    for (const SymbolRecord& s : symbols)
        if (same_name(s.name, name)) return &s;
    return nullptr;
}

uint64_t object_elements(const ProgramModel& model, const ObjectRecord& object) {
    const SiteRecord& site = model.sites[object.site];
    const TypeRecord& type = model.type(site.type);
    if (type.kind == LU_KIND_UNKNOWN || type.size == 0) return 0;
    if (site.flags & LU_SITE_ARRAY) return object.size / type.size;
    return object.size >= type.size ? 1 : 0;
}

bool ProgramModel::symbol_unique(StringView name) const {
    return !const_cast<HashMap<uint8_t>&>(ambiguous_symbols_).find(hash_name(name));
}

const SymbolRecord* ProgramModel::symbol_containing(uint64_t address) const {
    uint32_t i = floor_index(symbols_by_address_, address, [&](uint32_t k) { return symbols[k].address; });
    if (i == kNoIndex) return nullptr;
    const SymbolRecord& s = symbols[i];
    uint64_t extent = s.size ? s.size : 1;
    return address < s.address + extent ? &s : nullptr;
}

const GlobalRecord* ProgramModel::global_containing(uint64_t address) const {
    uint32_t i = floor_index(globals_by_address_, address, [&](uint32_t k) { return globals[k].address; });
    if (i == kNoIndex) return nullptr;
    const GlobalRecord& g = globals[i];
    return address < g.address + (g.size ? g.size : 1) ? &g : nullptr;
}

const char* kind_name(uint32_t kind) {
    switch (kind) {
    case LU_KIND_UNKNOWN: return "unknown";
    case LU_KIND_VOID: return "void";
    case LU_KIND_INTEGER: return "integer";
    case LU_KIND_FLOAT: return "floating-point";
    case LU_KIND_POINTER: return "pointer";
    case LU_KIND_ARRAY: return "array";
    case LU_KIND_STRUCT: return "struct";
    case LU_KIND_UNION: return "union";
    case LU_KIND_ENUM: return "enum";
    case LU_KIND_FUNCTION_POINTER: return "function pointer";
    case LU_KIND_C_STRING: return "C string";
    case LU_KIND_VTABLE_POINTER: return "vtable pointer";
    }
    return "unknown";
}

void describe_type(const ProgramModel& model, TypeId id, TextBuilder& out) {
    if (id == kNoType) {
        out.add("<no type>");
        return;
    }
    const TypeRecord& t = model.type(id);
    if (t.name[0]) {
        if (t.kind == LU_KIND_STRUCT || t.kind == LU_KIND_UNION || t.kind == LU_KIND_ENUM)
            out.add(kind_name(t.kind)).add(" ");
        out.add(t.name);
        return;
    }
    switch (t.kind) {
    case LU_KIND_POINTER:
    case LU_KIND_C_STRING:
        describe_type(model, t.target, out);
        out.add("*");
        return;
    case LU_KIND_ARRAY:
        describe_type(model, t.target, out);
        out.add("[").add_unsigned(t.count).add("]");
        return;
    default:
        out.add("anonymous ").add(kind_name(t.kind));
    }
}

}  // namespace libupdate
