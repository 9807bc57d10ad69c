// convert_pointers.cpp — pointer relocation: data pointers (interior ones
// included) carried to the same field of the object's new copy, pointers into
// shared ranges (shared_range.h) kept, function and vtable pointers remapped
// by symbol name, C strings outside every object copied into the new version.
//
// Entry points: Converter::relocate_data, relocate_code,
// convert_data_pointer, convert_code_pointer, translate_offset.
#include "converter.h"

namespace libupdate {

Result<void> Converter::convert_data_pointer(const uint8_t* source, TypeId s, uint8_t* destination) {
    uint64_t value = 0;
    platform_copy(&value, source, sizeof value);
    uint64_t relocated = TRY(relocate_data(value, source_.type(s).target));
    write(destination, &relocated, sizeof relocated);
    return {};
}

Result<void> Converter::convert_code_pointer(const uint8_t* source, uint8_t* destination) {
    uint64_t value = 0;
    platform_copy(&value, source, sizeof value);
    uint64_t relocated = TRY(relocate_code(value));
    write(destination, &relocated, sizeof relocated);
    return {};
}

Result<uint64_t> Converter::relocate_data(uint64_t value, TypeId source_pointee) {
    if (is_sentinel_pointer(value)) return value;
    ++stats_.pointers;
    if (const RelocationEntry* entry = map_.find(value)) return translate_entry(*entry, value - entry->source_start);
    if (in_shared_range(options_.shared_ranges, options_.shared_range_count, value)) return value;  // mapped alike
    if (source_.symbol_containing(value)) return relocate_code(value);  // e.g. a function kept in a void*
    bool char_target = source_pointee != kNoType && is_char_type(source_.type(source_pointee));
    if (char_target && copier_.copy) return copier_.copy(copier_.context, value);
    char text[96];
    TextBuilder(text, sizeof text).add("pointer ").add_hex(value).add(" targets no object of the old version");
    return fail(neurath::Error::BadAddress, text);
}

Result<uint64_t> Converter::relocate_code(uint64_t value) {
    if (is_sentinel_pointer(value)) return value;
    ++stats_.pointers;
    const SymbolRecord* old_symbol = source_.symbol_containing(value);
    if (!old_symbol && reader_.relocate_foreign_code) {
        Result<uint64_t> foreign = reader_.relocate_foreign_code(reader_.context, value);
        if (foreign.ok()) {
            (void)foreign_code_.push(ForeignCode{value, foreign.value()});  // only the round trip needs it
            return foreign;
        }
    }
    if (!old_symbol) {
        char text[96];
        TextBuilder(text, sizeof text).add("code pointer ").add_hex(value).add(" matches no function or vtable");
        return fail(neurath::Error::BadAddress, text);
    }
    const SymbolRecord* new_symbol = destination_.find_symbol(old_symbol->name);
    if (!new_symbol) {
        char text[160];
        TextBuilder(text, sizeof text).add("function or vtable '").add(old_symbol->name).add("' no longer exists");
        return fail(neurath::Error::NotFound, text);
    }
    return new_symbol->address + (value - old_symbol->address);
}

Result<uint64_t> Converter::translate_entry(const RelocationEntry& entry, uint64_t offset) {
    if (entry.source_type == kNoType || entry.destination_type == kNoType) {
        if (offset > entry.destination_size) return fail(neurath::Error::BadAddress, "pointer past the end of a shrunk object");
        return entry.destination + offset;
    }
    uint64_t source_size = source_.type(entry.source_type).size;
    uint64_t destination_size = destination_.type(entry.destination_type).size;
    if (source_size == 0) return entry.destination + offset;
    uint64_t element = offset / source_size;
    uint64_t inside = offset % source_size;
    if (element >= entry.count) {  // trailing bytes, or one past the end
        uint64_t past = offset - entry.count * source_size;
        return entry.destination + entry.count * destination_size + past;
    }
    uint64_t translated = TRY(translate_offset(entry.source_type, entry.destination_type, inside));
    return entry.destination + element * destination_size + translated;
}

// Where byte `offset` of a source value lives in the destination layout.
Result<uint64_t> Converter::translate_offset(TypeId s, TypeId d, uint64_t offset) {
    if (offset == 0 || raw_copyable(s, d)) return offset;
    const TypeRecord& from = source_.type(s);
    const TypeRecord& to = destination_.type(d);
    if (from.kind == LU_KIND_STRUCT && to.kind == LU_KIND_STRUCT) {
        const uint32_t plan = TRY(field_plan(s, d));
        for (uint64_t j = 0; j < from.count; ++j) {
            const FieldRecord& old = source_.field(from, j);
            uint64_t size = source_.type(old.type).size;
            if (offset < old.offset || offset >= old.offset + size || old.bit_size) continue;
            for (uint64_t i = 0; i < to.count; ++i) {
                if (planned_field(plan, i) != static_cast<int32_t>(j)) continue;
                const FieldRecord& field = destination_.field(to, i);
                uint64_t inner = TRY(translate_offset(old.type, field.type, offset - old.offset));
                return field.offset + inner;
            }
            push_field(old.name);
            UpdateError error = fail(neurath::Error::NotFound, "a pointer targets this field, which the new version removed", s, d);
            pop_path();
            return error;
        }
        return fail(neurath::Error::BadAddress, "a pointer targets padding inside a struct", s, d);
    }
    if (from.kind == LU_KIND_ARRAY && to.kind == LU_KIND_ARRAY) {
        uint64_t source_size = source_.type(from.target).size;
        uint64_t destination_size = destination_.type(to.target).size;
        if (source_size == 0) return offset;
        uint64_t element = offset / source_size;
        if (element >= to.count && !(element == to.count && offset % source_size == 0))
            return fail(neurath::Error::NotFound, "a pointer targets an array element the new version dropped", s, d);
        uint64_t inner = TRY(translate_offset(from.target, to.target, offset % source_size));
        return element * destination_size + inner;
    }
    if (offset < to.size) return offset;  // inside a scalar or union
    return fail(neurath::Error::BadAddress, "a pointer targets bytes the new type no longer has", s, d);
}

}  // namespace libupdate
