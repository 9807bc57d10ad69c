// imprecise_walk.cpp — finds the bytes of a program's state that its
// metadata does not type precisely (rules in imprecise_walk.h).
//
// Entry points: ImpreciseWalker::imprecise, ImpreciseWalker::for_each_in_object,
// all_bytes_zero.
#include "imprecise_walk.h"

namespace libupdate {

namespace {

constexpr int kMaxDepth = 64;

uint64_t cache_key(TypeId type) { return static_cast<uint64_t>(type) + 2; }

}  // namespace

bool only_data_pointer_members(const ProgramModel& model, const TypeRecord& type) {
    if (type.size != 8 || type.count == 0) return false;
    for (uint64_t i = 0; i < type.count; ++i) {
        const FieldRecord& member = model.field(type, i);
        if (member.offset != 0 || member.bit_size || !is_data_pointer(model.type(member.type).kind)) return false;
    }
    return true;
}

bool all_bytes_zero(const uint8_t* bytes, uint64_t size) {
    for (uint64_t i = 0; i < size; ++i)
        if (bytes[i]) return false;
    return true;
}

bool ImpreciseWalker::hooked(const TypeRecord& type) const {
    if (!type.name[0]) return false;
    for (size_t i = 0; i < options_.type_hook_count; ++i)
        if (StringView(options_.type_hooks[i].type_name) == StringView(type.name)) return true;
    return false;
}

bool ImpreciseWalker::tagged(const TypeRecord& enclosing, const FieldRecord& field) const {
    for (size_t i = 0; i < options_.union_tag_count; ++i) {
        const UnionTagEntry& entry = options_.union_tags[i];
        if (StringView(entry.struct_name) == StringView(enclosing.name) && StringView(entry.union_field) == StringView(field.name))
            return true;
    }
    return false;
}

bool ImpreciseWalker::contains_pointers(TypeId id) {
    if (uint8_t* known = pointers_.find(cache_key(id))) return *known == 1;
    (void)pointers_.insert(cache_key(id), 2);  // provisional: breaks cycles
    const TypeRecord& type = model_.type(id);
    bool result = is_data_pointer(type.kind) || is_code_pointer(type.kind);
    if (type.kind == LU_KIND_ARRAY) result = contains_pointers(type.target);
    if (type.kind == LU_KIND_STRUCT || type.kind == LU_KIND_UNION)
        for (uint64_t i = 0; i < type.count && !result; ++i) result = contains_pointers(model_.field(type, i).type);
    if (uint8_t* slot = pointers_.find(cache_key(id))) *slot = result ? 1 : 2;
    return result;
}

bool ImpreciseWalker::union_is_ambiguous(TypeId id) {
    const TypeRecord& type = model_.type(id);
    return type.kind == LU_KIND_UNION && !only_data_pointer_members(model_, type) && contains_pointers(id);
}

bool ImpreciseWalker::imprecise(TypeId id) {
    if (id == kNoType) return true;
    if (uint8_t* known = imprecise_.find(cache_key(id))) return *known == 1;
    (void)imprecise_.insert(cache_key(id), 2);  // provisional: breaks cycles (through arrays of structs)
    const TypeRecord& type = model_.type(id);
    bool result = false;
    if (hooked(type)) result = false;
    else if (type.kind == LU_KIND_UNKNOWN) result = true;
    else if (type.kind == LU_KIND_UNION) result = union_is_ambiguous(id);
    else if (type.kind == LU_KIND_ARRAY) result = imprecise(type.target);
    else if (type.kind == LU_KIND_STRUCT)
        for (uint64_t i = 0; i < type.count && !result; ++i) {
            const FieldRecord& field = model_.field(type, i);
            result = !field.bit_size && !(field.flags & LU_FIELD_NO_TRANSFER) && !tagged(type, field) && imprecise(field.type);
        }
    if (uint8_t* slot = imprecise_.find(cache_key(id))) *slot = result ? 1 : 2;
    return result;
}

Result<void> ImpreciseWalker::for_each_in_object(const uint8_t* bytes, uint64_t address, uint64_t size, TypeId element,
                                                 uint64_t count, bool tail_is_data, ImpreciseVisitor visitor) {
    const uint64_t element_size = element == kNoType ? 0 : model_.type(element).size;
    if (element_size == 0 || model_.type(element).kind == LU_KIND_UNKNOWN)
        return visitor.visit(visitor.context, bytes, address, size, "untyped object", "");
    if (imprecise(element))
        for (uint64_t i = 0; i < count; ++i)
            TRY(walk_value(bytes + i * element_size, address + i * element_size, element, visitor));
    const uint64_t tail = size - count * element_size;
    if (tail == 0 || tail_is_data) return {};
    return visitor.visit(visitor.context, bytes + count * element_size, address + count * element_size, tail,
                         "past the last element", "");
}

Result<void> ImpreciseWalker::walk_value(const uint8_t* bytes, uint64_t address, TypeId id, ImpreciseVisitor visitor) {
    if (!imprecise(id)) return {};
    if (depth_ >= kMaxDepth) return make_error(neurath::Error::TooBig, "types nested too deeply to scan");
    const TypeRecord& type = model_.type(id);
    ++depth_;
    Result<void> result{};
    if (type.kind == LU_KIND_UNKNOWN) {
        result = visitor.visit(visitor.context, bytes, address, type.size, "unknown type", subject(type));
    } else if (type.kind == LU_KIND_UNION) {
        if (!all_bytes_zero(bytes, type.size))
            result = visitor.visit(visitor.context, bytes, address, type.size, "union whose active member is unknown",
                                   subject(type));
    } else if (type.kind == LU_KIND_ARRAY) {
        const uint64_t element_size = model_.type(type.target).size;
        for (uint64_t i = 0; i < type.count && element_size && result.ok(); ++i)
            result = walk_value(bytes + i * element_size, address + i * element_size, type.target, visitor);
    } else if (type.kind == LU_KIND_STRUCT) {
        result = walk_struct(bytes, address, type, visitor);
    }
    --depth_;
    return result;
}

const char* ImpreciseWalker::subject(const TypeRecord& type) {
    if (type.name && type.name[0]) return type.name;
    TextBuilder(subject_, sizeof subject_).add(enclosing_).add(".").add(field_);
    return subject_;
}

Result<void> ImpreciseWalker::walk_struct(const uint8_t* bytes, uint64_t address, const TypeRecord& type,
                                          ImpreciseVisitor visitor) {
    for (uint64_t i = 0; i < type.count; ++i) {
        const FieldRecord& field = model_.field(type, i);
        if (field.bit_size || (field.flags & LU_FIELD_NO_TRANSFER) || tagged(type, field)) continue;
        enclosing_ = type.name ? type.name : "";
        field_ = field.name ? field.name : "";
        TRY(walk_value(bytes + field.offset, address + field.offset, field.type, visitor));
    }
    return {};
}

}  // namespace libupdate
