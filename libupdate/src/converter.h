// converter.h — the value converter at the heart of state transfer (internal).
//
// Converts one value from a source layout (bytes already copied out of the
// source image) into a destination layout, recursively, relocating pointers
// through a RelocationMap. The same converter runs forwards (old image ->
// live new version) and backwards for the round-trip check (new version ->
// scratch copy in the old layout, with a coverage mask of converted bits).
// Errors name the root (variable or heap object), the field path and types.
//
// Imprecise bytes are copied, and their likely pointers kept, rewritten or
// refused (likely_pointers.cpp); unions with a declared tag convert their active
// member (convert_tagged_union.cpp).
//
// Entry points: Converter::convert, convert_object, relocate_data,
// relocate_code, copy_imprecise, set_root, set_mask.
#pragma once

#include <libupdate/hash_map.h>
#include <libupdate/relocation_map.h>
#include <libupdate/transfer.h>

namespace libupdate {

// Copies a C string the old version kept outside every object (e.g. a
// string literal) into a new-version object; returns its address.
struct StringCopier {
    Result<uint64_t> (*copy)(void* context, uint64_t source_address) = nullptr;
    void* context = nullptr;
};

struct ConverterStats {
    uint64_t pointers = 0;
    uint64_t scanned_bytes = 0;             // imprecise bytes scanned for likely pointers
    uint64_t kept_likely_pointers = 0;      // into objects kept at their address
    uint64_t remapped_likely_pointers = 0;  // into code or globals, rewritten by name
    uint64_t dangling_likely_pointers = 0;  // into freed old heap memory, kept as they were
};

// A code address outside the program (a C library function) as it was
// carried over: the round trip maps it back with these.
struct ForeignCode {
    uint64_t old_address;
    uint64_t new_address;
};

// An integer of any width read from a value: two's-complement bits, and its sign.
struct IntegerValue {
    uint64_t bits;   // two's complement when negative
    bool negative;
};

class Converter {
public:
    Converter(const ProgramModel& source, const MemoryReader& source_reader, const ProgramModel& destination,
              const RelocationMap& map, const TransferOptions& options);

    void set_string_copier(StringCopier copier) { copier_ = copier; }
    // Round-trip (backwards) mode: array elements beyond the old length did
    // not come from the old state, so dropping them is not a loss.
    void set_backwards(bool backwards) { backwards_ = backwards; }
    // Describe the value being converted, e.g. "variable 'table'".
    void set_root(const char* description);
    // The same for a heap object of the source model; formatted only on failure.
    void set_root_object(const ObjectRecord* object);
    // Record converted bits in `mask` (parallel to the buffer starting at `base`).
    void set_mask(uint8_t* base, uint8_t* mask, uint64_t size) {
        mask_base_ = base;
        mask_ = mask;
        mask_size_ = size;
    }

    // A whole relocation entry: `count` elements plus any trailing bytes.
    Result<void> convert_object(const uint8_t* source, const RelocationEntry& entry, uint8_t* destination);
    Result<void> convert_elements(const uint8_t* source, const RelocationEntry& entry, uint8_t* destination,
                                  uint64_t source_size, uint64_t destination_size);
    // `use_hook`: false when a hook asks for the default rules on its own type.
    Result<void> convert(const uint8_t* source, uint64_t source_address, TypeId source_type, uint8_t* destination,
                         TypeId destination_type, bool use_hook = true);

    Result<uint64_t> relocate_data(uint64_t value, TypeId source_pointee);
    // Copy bytes the metadata does not type precisely (`what` says why),
    // refusing if a word of them points into the source's objects or code
    // (likely_pointers.cpp).
    Result<void> copy_imprecise(const uint8_t* source, uint64_t source_address, uint64_t source_size,
                                uint8_t* destination, uint64_t destination_size, const char* what);
    Result<uint64_t> relocate_code(uint64_t value);
    // Tells TransferOptions::note_imprecision of a variable's value of
    // `type` whose bytes travel scanned (`why`); the heap's were told before
    // the transfer began (address_preserving.cpp).
    void note_variable_imprecision(const char* why, const TypeRecord& type);

    // For each destination field, the matching source field index (or -1);
    // cached per pair. Returns where the plan starts in the plan pool: read it
    // with planned_field(), never through a pointer kept across a conversion
    // (nested structs add plans, and the pool moves when it grows).
    Result<uint32_t> field_plan(TypeId source_type, TypeId destination_type);
    int32_t planned_field(uint32_t plan, uint64_t destination_field) const { return plan_pool_[plan + destination_field]; }
    bool raw_copyable(TypeId source_type, TypeId destination_type);
    bool has_pointers(const ProgramModel& model, TypeId type);

    const ProgramModel& source() const { return source_; }
    const ProgramModel& destination() const { return destination_; }
    const MemoryReader& source_reader() const { return reader_; }
    const ConverterStats& stats() const { return stats_; }
    const Vector<ForeignCode>& foreign_code() const { return foreign_code_; }

    // "<root>, field a.b[3]: <what>" with optional type descriptions.
    UpdateError fail(neurath::Error code, const char* what, TypeId source_type = kNoType,
                     TypeId destination_type = kNoType, const char* tail = nullptr);

    void push_field(const char* name);
    void push_index(uint64_t index);
    void pop_path();

private:
    Result<void> convert_by_kind(const uint8_t* source, uint64_t source_address, TypeId s, uint8_t* destination, TypeId d);
    Result<void> convert_integer(const uint8_t* source, TypeId s, uint8_t* destination, TypeId d);
    Result<IntegerValue> map_enumerator(IntegerValue value, TypeId s, TypeId d);
    // The word's value in the destination; `refusal` says why it cannot travel, or stays null.
    uint64_t carry_likely_pointer(uint64_t value, const char*& refusal);
    bool readable_in_source(uint64_t value);
    const char* outside_every_object(uint64_t value);
    UpdateError refuse_likely_pointer(uint64_t address, uint64_t at, uint64_t value, const char* what, const char* refusal);
    bool describe_old_target(uint64_t value, TextBuilder& out);
    Result<void> convert_float(const uint8_t* source, TypeId s, uint8_t* destination, TypeId d);
    Result<void> convert_data_pointer(const uint8_t* source, TypeId s, uint8_t* destination);
    Result<void> convert_code_pointer(const uint8_t* source, uint8_t* destination);
    Result<void> convert_array(const uint8_t* source, uint64_t source_address, TypeId s, uint8_t* destination, TypeId d);
    Result<void> convert_char_array(const uint8_t* source, TypeId s, uint8_t* destination, TypeId d);
    Result<void> convert_struct(const uint8_t* source, uint64_t source_address, TypeId s, uint8_t* destination, TypeId d);
    Result<void> convert_union(const uint8_t* source, uint64_t source_address, TypeId s, uint8_t* destination, TypeId d);
    // convert_tagged_union.cpp: a union field whose active member a UnionTagEntry names.
    const UnionTagEntry* union_tag_for(TypeId d, const FieldRecord& field) const;
    Result<void> convert_tagged_union(const uint8_t* source, uint64_t source_address, TypeId s, const FieldRecord& from,
                                      uint8_t* destination, const FieldRecord& to, const UnionTagEntry& rule);
    Result<bool> stale_field(const uint8_t* source, const TypeRecord& from, const TypeRecord& to, const FieldRecord& field);
    Result<void> convert_bitfield(const uint8_t* source, const FieldRecord& from, uint8_t* destination, const FieldRecord& to);
    Result<void> apply_default(uint8_t* destination, const FieldRecord& field);
    Result<uint64_t> translate_offset(TypeId s, TypeId d, uint64_t offset);
    Result<uint64_t> translate_entry(const RelocationEntry& entry, uint64_t offset);
    const TypeHookEntry* hook_for(TypeId d) const;
    void write(uint8_t* destination, const void* bytes, size_t size);
    void mark_bits(uint8_t* destination, uint64_t first_bit, uint64_t bit_count);

    const ProgramModel& source_;
    const MemoryReader& reader_;
    const ProgramModel& destination_;
    const RelocationMap& map_;
    const TransferOptions& options_;
    StringCopier copier_;
    ConverterStats stats_;
    Vector<ForeignCode> foreign_code_;
    HashMap<uint32_t> plans_;     // pair -> offset in plan_pool_
    Vector<int32_t> plan_pool_;
    HashMap<uint8_t> copyable_;   // pair -> 1 (yes) / 2 (no)
    HashMap<uint8_t> layouts_;    // pair -> 1 (same layout) / 2 (not): likely pointers into globals
    HashMap<uint8_t> pointers_source_;       // type -> 1 (has pointers) / 2 (none)
    HashMap<uint8_t> pointers_destination_;
    const char* root_ = "";
    const ObjectRecord* root_object_ = nullptr;
    struct PathSegment {
        const char* name;  // null: an index
        uint64_t index;
    };
    Vector<PathSegment> path_;
    uint8_t* mask_base_ = nullptr;
    uint8_t* mask_ = nullptr;
    uint64_t mask_size_ = 0;
    int depth_ = 0;
    bool backwards_ = false;
};

// Integer helpers shared with the filter environment and checks (below).
IntegerValue load_integer(const uint8_t* bytes, uint64_t size, bool is_signed);
bool integer_fits(IntegerValue value, uint64_t size, bool is_signed);
void store_integer(uint8_t* bytes, uint64_t size, IntegerValue value);
bool is_char_type(const TypeRecord& type);
// Null, values in the never-mapped first page ((T*)1, (T*)8 markers) and all
// ones (MAP_FAILED, SIG_ERR): no object lives there, so they travel unchanged.
inline bool is_sentinel_pointer(uint64_t value) { return value < 4096 || value == ~0ull; }
bool names_match(const char* source_name, const TypeRecord& destination);

}  // namespace libupdate
