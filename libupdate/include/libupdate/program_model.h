// program_model.h — one program version's state description, loaded from its
// metadata tables (and, for an old image, its live heap objects) through a
// MemoryReader. Both sides of a transfer use it: the old version read from
// its image, the new version read from the running program itself.
//
// Types, fields, globals, symbols and sites are copied into flat arrays with
// index references, so nothing points back into the image after loading.
//
// Entry points: ProgramModel::load, ProgramModel::load_local, lookups
// (find_global, find_type_by_name, find_site_by_id, symbol_containing,
// find_symbol), kind helpers and describe_type().
#pragma once

#include <libupdate/hash_map.h>
#include <libupdate/memory_reader.h>
#include <libupdate/metadata.h>
#include <libupdate/text.h>
#include <libupdate/vector.h>

namespace libupdate {

using TypeId = uint32_t;
inline constexpr TypeId kNoType = 0xffffffffu;
inline constexpr uint32_t kNoIndex = 0xffffffffu;

struct TypeRecord {
    const char* name;
    const char* renamed_from;
    uint64_t size;
    uint32_t kind;   // lu_type_kind
    uint32_t flags;  // LU_TYPE_*
    uint32_t align;
    TypeId target;
    uint64_t count;
    uint32_t first_field;       // into ProgramModel::fields
    uint32_t first_enumerator;  // into ProgramModel::enumerators
    uint64_t address;           // of the lu_type record in its image
};

struct FieldRecord {
    const char* name;
    const char* renamed_from;
    const char* default_value;
    TypeId type;
    uint32_t bit_offset;
    uint32_t bit_size;
    uint32_t flags;  // LU_FIELD_*
    uint64_t offset;
};

struct EnumeratorRecord {
    const char* name;
    int64_t value;
};

struct GlobalRecord {
    const char* name;
    const char* symbol;
    const char* renamed_from;
    uint64_t address;
    uint64_t size;
    TypeId type;
    uint32_t flags;  // LU_GLOBAL_*
};

struct SymbolRecord {
    const char* name;
    uint64_t address;
    uint64_t size;
    uint32_t kind;
    uint32_t flags;
};

struct SiteRecord {
    uint64_t id;
    const char* function;
    const char* allocator_name;
    TypeId type;
    uint32_t allocator;
    uint32_t flags;
    uint32_t line;
    uint64_t address;  // of the lu_alloc_site record in its image
};

struct ObjectRecord {
    uint64_t address;  // user pointer in its image
    uint64_t size;
    uint32_t site;     // into ProgramModel::sites
    uint32_t how;
};

// Bulk string storage for loaded names.
class StringArena {
public:
    StringArena() = default;
    StringArena(const StringArena&) = delete;
    StringArena& operator=(const StringArena&) = delete;
    ~StringArena();
    const char* store(const char* text, size_t length);

private:
    struct Chunk {
        Chunk* next;
        size_t used;
        size_t capacity;
    };
    Chunk* chunks_ = nullptr;
};

class ProgramModel {
public:
    ProgramModel() = default;
    ProgramModel(const ProgramModel&) = delete;
    ProgramModel& operator=(const ProgramModel&) = delete;

    // Load the program whose RuntimeRoot is at `root_address` in `reader`'s image.
    // With `with_heap`, also list its live heap objects.
    Result<void> load(const MemoryReader& reader, uint64_t root_address, bool with_heap);
    // Load the calling program itself (metadata only).
    Result<void> load_local();

    const TypeRecord& type(TypeId id) const { return types[id]; }
    const FieldRecord& field(const TypeRecord& t, uint64_t i) const { return fields[t.first_field + i]; }
    const EnumeratorRecord& enumerator(const TypeRecord& t, uint64_t i) const { return enumerators[t.first_enumerator + i]; }

    const GlobalRecord* find_global(StringView name) const;
    TypeId find_type_by_name(StringView name, uint32_t kind) const;
    uint32_t find_site_by_id(uint64_t id) const;
    uint32_t find_site_by_address(uint64_t address) const;
    const SymbolRecord* find_symbol(StringView name) const;
    // False when several functions or vtables at different addresses share
    // `name` (static functions of different files): remapping by name is ambiguous.
    bool symbol_unique(StringView name) const;
    const SymbolRecord* symbol_containing(uint64_t address) const;
    const GlobalRecord* global_containing(uint64_t address) const;

    Vector<TypeRecord> types;
    Vector<FieldRecord> fields;
    Vector<EnumeratorRecord> enumerators;
    Vector<GlobalRecord> globals;
    Vector<SymbolRecord> symbols;
    Vector<SiteRecord> sites;
    Vector<ObjectRecord> objects;
    uint64_t metadata_bytes = 0;  // size of the metadata tables in the image

private:
    friend class ModelLoader;
    StringArena strings_;
    HashMap<uint32_t> globals_by_name_;
    HashMap<uint32_t> types_by_name_;
    HashMap<uint32_t> sites_by_id_;
    HashMap<uint32_t> sites_by_address_;
    HashMap<uint32_t> symbols_by_name_;
    HashMap<uint8_t> ambiguous_symbols_;   // names (hashed) of several symbols
    Vector<uint32_t> symbols_by_address_;  // indices sorted by address
    Vector<uint32_t> globals_by_address_;  // indices sorted by address
};

uint64_t hash_name(StringView name);

// How many whole elements of its site's type a heap object holds: size /
// type size for array sites (LU_SITE_ARRAY: n * T, unknown sizes), else one
// (a T, possibly followed by bytes of unknown type, as in an interpreter's
// objects that share a common header). Zero for untyped objects. Bytes past
// the last element travel as bytes.
uint64_t object_elements(const ProgramModel& model, const ObjectRecord& object);

inline bool is_integer_like(uint32_t kind) { return kind == LU_KIND_INTEGER || kind == LU_KIND_ENUM; }
inline bool is_data_pointer(uint32_t kind) { return kind == LU_KIND_POINTER || kind == LU_KIND_C_STRING; }
inline bool is_code_pointer(uint32_t kind) {
    return kind == LU_KIND_FUNCTION_POINTER || kind == LU_KIND_VTABLE_POINTER;
}

// "struct node", "int", "node*" ... for messages.
const char* kind_name(uint32_t kind);
void describe_type(const ProgramModel& model, TypeId id, TextBuilder& out);

}  // namespace libupdate
