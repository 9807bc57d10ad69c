// state_environment.cpp — state-filter name resolution through metadata
// (see state_environment.h).
//
// Entry points: MetadataEnvironment::variable, field, element, dereference,
// string_equals.
#include <libupdate/heap.h>
#include <libupdate/state_environment.h>

#include "converter.h"

namespace libupdate {

namespace {

StringView type_label(const ProgramModel& model, TypeId id) {
    if (id == kNoType) return "void";
    const TypeRecord& t = model.type(id);
    return t.name[0] ? StringView(t.name) : StringView(kind_name(t.kind));
}

UpdateError lookup_error(const char* what, StringView name, const char* tail = nullptr, StringView more = StringView()) {
    UpdateError error;
    error.code = neurath::Error::NotFound;
    TextBuilder text(error.text, kErrorTextSize);
    text.add(what).add(" '").add(name).add("'");
    if (tail) text.add(tail).add(more);
    return error;
}

}  // namespace

Result<void> MetadataEnvironment::read(uint64_t address, void* out, size_t size) {
    if (local_) {
        bool known = heap_find_containing(address) != nullptr || model_.global_containing(address) != nullptr;
        if (known) {
            HeapHeader* h = heap_find_containing(address);
            const GlobalRecord* g = model_.global_containing(address);
            uint64_t end = h ? reinterpret_cast<uint64_t>(h->object()) + h->size() : g->address + g->size;
            known = address + size <= end;
        }
        if (!known) {
            UpdateError error;
            error.code = neurath::Error::BadAddress;
            TextBuilder(error.text, kErrorTextSize).add("pointer ").add_hex(address).add(" targets no live object");
            return error;
        }
    }
    return reader_(address, out, size);
}

Result<FilterValue> MetadataEnvironment::value_at(uint64_t address, TypeId id) {
    if (id == kNoType) return lookup_error("cannot read a value of type", "void");
    const TypeRecord& t = model_.type(id);
    FilterValue value;
    value.address = address;
    value.type = id;
    value.type_name = type_label(model_, id);
    if (is_integer_like(t.kind)) {
        if (t.size > 8) return lookup_error("integers wider than 64 bits are not supported:", value.type_name);
        uint8_t bytes[8] = {};
        TRY(read(address, bytes, t.size));
        bool is_signed = (t.flags & LU_TYPE_SIGNED) != 0;
        value.bits = load_integer(bytes, t.size, is_signed).bits;
        value.is_signed = is_signed;
        value.kind = (t.flags & LU_TYPE_BOOL) ? ValueKind::Boolean : ValueKind::Integer;
        return value;
    }
    if (is_data_pointer(t.kind) || is_code_pointer(t.kind)) {
        TRY(read(address, &value.bits, sizeof value.bits));
        value.kind = ValueKind::Pointer;
        value.type = is_data_pointer(t.kind) ? t.target : kNoType;
        return value;
    }
    if (t.kind == LU_KIND_STRUCT || t.kind == LU_KIND_UNION || t.kind == LU_KIND_ARRAY) {
        value.kind = ValueKind::Object;
        return value;
    }
    return lookup_error("state filters cannot use values of type", value.type_name);
}

// A global whose qualified name ends in "::<name>" (so a user can write
// `state` for `(anonymous namespace)::state`), when exactly one does.
Result<const GlobalRecord*> MetadataEnvironment::unqualified_global(StringView name) {
    const GlobalRecord* found = nullptr;
    for (const GlobalRecord& g : model_.globals) {
        const StringView full(g.name);
        if (full.length < name.length + 2) continue;
        const StringView tail(full.data + full.length - name.length, name.length);
        if (!(tail == name) || full[full.length - name.length - 1] != ':' || full[full.length - name.length - 2] != ':')
            continue;
        if (found) return lookup_error("ambiguous variable", name, ": qualify it, e.g. ", StringView(found->name));
        found = &g;
    }
    if (!found) return lookup_error("unknown variable", name);
    return found;
}

Result<FilterValue> MetadataEnvironment::variable(StringView name) {
    const GlobalRecord* g = model_.find_global(name);
    if (!g) g = TRY(unqualified_global(name));
    return value_at(g->address, g->type);
}

Result<FilterValue> MetadataEnvironment::field(const FilterValue& object, StringView field_name) {
    const TypeRecord& t = model_.type(object.type);
    if (t.kind != LU_KIND_STRUCT && t.kind != LU_KIND_UNION)
        return lookup_error("type mismatch: '.' needs a struct, not", object.type_name);
    for (uint64_t i = 0; i < t.count; ++i) {
        const FieldRecord& f = model_.field(t, i);
        if (!(StringView(f.name) == field_name)) continue;
        if (f.bit_size) return lookup_error("bit-fields cannot be used in state filters:", field_name);
        return value_at(object.address + f.offset, f.type);
    }
    return lookup_error("no field", field_name, " in ", object.type_name);
}

Result<FilterValue> MetadataEnvironment::element(const FilterValue& base, int64_t index) {
    if (base.kind == ValueKind::Object) {
        const TypeRecord& t = model_.type(base.type);
        if (t.kind != LU_KIND_ARRAY) return lookup_error("type mismatch: '[]' needs an array, not", base.type_name);
        if (index < 0 || static_cast<uint64_t>(index) >= t.count) {
            UpdateError error;
            error.code = neurath::Error::InvalidArgument;
            TextBuilder(error.text, kErrorTextSize)
                .add("index ").add_signed(index).add(" out of bounds for ").add(base.type_name);
            return error;
        }
        return value_at(base.address + static_cast<uint64_t>(index) * model_.type(t.target).size, t.target);
    }
    if (base.type == kNoType) return lookup_error("cannot index a pointer to", "void");
    uint64_t size = model_.type(base.type).size;
    return value_at(base.bits + static_cast<uint64_t>(index) * size, base.type);
}

Result<FilterValue> MetadataEnvironment::dereference(const FilterValue& pointer) {
    if (pointer.type == kNoType) return lookup_error("cannot dereference a pointer to", "void or code");
    return value_at(pointer.bits, pointer.type);
}

Result<bool> MetadataEnvironment::string_equals(const FilterValue& value, StringView text) {
    uint64_t address = value.address;
    uint64_t capacity = text.length + 1;
    if (value.kind == ValueKind::Pointer) {
        if (value.type == kNoType || !is_char_type(model_.type(value.type)))
            return lookup_error("type mismatch: cannot compare a string with", value.type_name);
        address = value.bits;
    } else {
        const TypeRecord& t = model_.type(value.type);
        if (t.kind != LU_KIND_ARRAY || !is_char_type(model_.type(t.target)))
            return lookup_error("type mismatch: cannot compare a string with", value.type_name);
        if (t.count < capacity) capacity = t.count;
    }
    for (uint64_t i = 0; i < capacity; ++i) {
        char c = 0;
        TRY(read(address + i, &c, 1));
        char expected = i < text.length ? text[i] : '\0';
        if (c != expected) return false;
        if (!c) return true;
    }
    return capacity == text.length;  // a full array without a terminator
}

}  // namespace libupdate
