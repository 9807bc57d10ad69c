// convert_tagged_union.cpp — unions whose active member a tag says. A union
// that holds pointers beside data cannot be converted by rule: its bytes may
// be an address or a number. A program names the tag (a UnionTagEntry in
// its TransferHooks: struct, union field, tag field, rules from tag values
// to members); the converter then reads the tag from the old struct,
// converts only the active member by the ordinary rules (a pointer is
// relocated, a function pointer remapped) and leaves the union's other bytes
// zero. The same rules apply in the round trip, backwards.
//
// Entry points: Converter::union_tag_for, Converter::convert_tagged_union.
#include "converter.h"

namespace libupdate {

namespace {

const FieldRecord* field_named(const ProgramModel& model, const TypeRecord& type, StringView name) {
    for (uint64_t i = 0; i < type.count; ++i)
        if (StringView(model.field(type, i).name) == name) return &model.field(type, i);
    return nullptr;
}

}  // namespace

const UnionTagEntry* Converter::union_tag_for(TypeId d, const FieldRecord& field) const {
    if (!options_.union_tag_count || destination_.type(field.type).kind != LU_KIND_UNION) return nullptr;
    StringView struct_name(destination_.type(d).name);
    for (size_t i = 0; i < options_.union_tag_count; ++i) {
        const UnionTagEntry& entry = options_.union_tags[i];
        if (StringView(entry.struct_name) == struct_name && StringView(entry.union_field) == StringView(field.name))
            return &entry;
    }
    return nullptr;
}

Result<void> Converter::convert_tagged_union(const uint8_t* source, uint64_t source_address, TypeId s, const FieldRecord& from,
                                             uint8_t* destination, const FieldRecord& to, const UnionTagEntry& rule) {
    const TypeRecord& source_struct = source_.type(s);
    const FieldRecord* tag = field_named(source_, source_struct, rule.tag_field);
    if (!tag || tag->bit_size || !is_integer_like(source_.type(tag->type).kind) || source_.type(tag->type).size > 8)
        return fail(neurath::Error::InvalidArgument, "tagged-union rule names no integer tag field of the old struct", s);
    const uint64_t tag_value = load_integer(source + tag->offset, source_.type(tag->type).size, false).bits;
    const UnionMemberRule* match = nullptr;
    for (size_t i = 0; i < rule.rule_count && !match; ++i)
        if ((tag_value & rule.rules[i].mask) == rule.rules[i].value) match = &rule.rules[i];
    const TypeRecord& source_union = source_.type(from.type);
    const TypeRecord& destination_union = destination_.type(to.type);
    uint8_t* out = destination + to.offset;
    platform_fill(out, 0, destination_union.size);  // inactive bytes: zero, and not compared by the round trip
    if (!match) {
        char text[96];
        TextBuilder(text, sizeof text).add("tag ").add(rule.tag_field).add(" = ").add_unsigned(tag_value).add(" selects no member");
        return fail(neurath::Error::NotSupported, text, from.type, to.type);
    }
    if (!match->member[0]) return {};  // no member active: nothing to carry
    const FieldRecord* old_member = field_named(source_, source_union, match->member);
    const FieldRecord* new_member = field_named(destination_, destination_union, match->member);
    if (!old_member || !new_member)
        return fail(neurath::Error::NotFound, "the tag's member is missing from the union", from.type, to.type, match->member);
    push_field(match->member);
    Result<void> result = convert(source + from.offset + old_member->offset, source_address + from.offset + old_member->offset,
                                  old_member->type, out + new_member->offset, new_member->type);
    pop_path();
    return result;
}

}  // namespace libupdate
