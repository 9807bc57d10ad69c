// convert_values.cpp — conversion of values between type versions: integers
// and enums (range-checked), floats, arrays (grown or shrunk), structs
// (fields by name, added fields defaulted), unions, bit-fields, and the
// dispatch that picks a rule or a hook.
//
// Entry points: Converter::convert, Converter::convert_object, and the
// integer helpers load_integer / integer_fits / store_integer.
#include "address_preserving.h"
#include "imprecise_walk.h"
#include "converter.h"

namespace libupdate {

namespace {

constexpr int kMaxDepth = 64;

uint64_t max_unsigned(uint64_t size) { return size >= 8 ? ~0ull : (1ull << (size * 8)) - 1; }

bool parse_integer(StringView text, IntegerValue& out) {
    size_t i = 0;
    bool negative = text.length > 0 && text[0] == '-';
    if (negative) ++i;
    uint64_t base = (text.length > i + 1 && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X')) ? 16 : 10;
    if (base == 16) i += 2;
    if (i >= text.length) return false;
    uint64_t value = 0;
    for (; i < text.length; ++i) {
        char c = text[i];
        uint64_t digit = (c >= '0' && c <= '9') ? static_cast<uint64_t>(c - '0')
                       : (base == 16 && c >= 'a' && c <= 'f') ? static_cast<uint64_t>(c - 'a' + 10)
                       : (base == 16 && c >= 'A' && c <= 'F') ? static_cast<uint64_t>(c - 'A' + 10) : 99;
        if (digit >= base) return false;
        value = value * base + digit;
    }
    out.negative = negative && value != 0;
    out.bits = negative ? 0 - value : value;
    return true;
}

// A union all of whose members are data pointers at offset 0.
// struct { ...; T items[]; }: the bytes after it are its own last member.
bool ends_in_flexible_array(const ProgramModel& model, const TypeRecord& type) {
    if (type.kind != LU_KIND_STRUCT || type.count == 0) return false;
    const FieldRecord& last = model.field(type, type.count - 1);
    const TypeRecord& last_type = model.type(last.type);
    return last_type.kind == LU_KIND_ARRAY && last_type.count == 0;
}


}  // namespace

IntegerValue load_integer(const uint8_t* bytes, uint64_t size, bool is_signed) {
    uint64_t bits = 0;
    platform_copy(&bits, bytes, size > 8 ? 8 : size);
    if (size < 8 && is_signed && (bits >> (size * 8 - 1)) & 1) bits |= ~max_unsigned(size);  // sign-extend
    return IntegerValue{bits, is_signed && static_cast<int64_t>(bits) < 0};
}

bool integer_fits(IntegerValue value, uint64_t size, bool is_signed) {
    if (!is_signed) return !value.negative && value.bits <= max_unsigned(size);
    uint64_t max_positive = max_unsigned(size) >> 1;
    if (!value.negative) return value.bits <= max_positive;
    return (0 - value.bits) <= max_positive + 1;
}

void store_integer(uint8_t* bytes, uint64_t size, IntegerValue value) { platform_copy(bytes, &value.bits, size > 8 ? 8 : size); }

void Converter::write(uint8_t* destination, const void* bytes, size_t size) {
    platform_copy(destination, bytes, size);
    mark_bits(destination, 0, size * 8);
}

void Converter::mark_bits(uint8_t* destination, uint64_t first_bit, uint64_t bit_count) {
    if (!mask_) return;
    uint64_t bit = static_cast<uint64_t>(destination - mask_base_) * 8 + first_bit;
    uint64_t end = bit + bit_count;
    if (end > mask_size_ * 8) end = mask_size_ * 8;
    for (; bit < end && bit % 8; ++bit) mask_[bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
    const uint64_t whole_bytes = bit < end ? (end - bit) / 8 : 0;  // the bulk: whole bytes at once
    if (whole_bytes) platform_fill(mask_ + bit / 8, 0xff, whole_bytes);
    for (bit += whole_bytes * 8; bit < end; ++bit) mask_[bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
}

Result<void> Converter::convert_object(const uint8_t* source, const RelocationEntry& entry, uint8_t* destination) {
    if (entry.source_type == kNoType)
        return copy_imprecise(source, entry.source_start, entry.source_size, destination, entry.destination_size,
                              "untyped object");
    if (entry.flags & kEntryScannedBytes)
        return copy_imprecise(source, entry.source_start, entry.source_size, destination, entry.destination_size,
                              "byte buffer");
    uint64_t source_size = source_.type(entry.source_type).size;
    uint64_t destination_size = destination_.type(entry.destination_type).size;
    const uint64_t tail = entry.source_size - entry.count * source_size;
    if (entry.count == 1 && tail > 0 && !ends_in_flexible_array(source_, source_.type(entry.source_type))) {
        // A T followed by bytes of unknown type (objects behind a common
        // header): the real object may use T's padding, and its bytes sit
        // at fixed offsets, so T must keep its layout; its bytes are copied
        // whole before its fields are converted over them.
        if (!layouts_match(source_, entry.source_type, destination_, entry.destination_type, layouts_))
            return fail(neurath::Error::NotSupported, "the object is a header type followed by other bytes, and the header "
                        "changed layout, so those bytes cannot be placed; needs a transfer hook", entry.source_type, entry.destination_type);
        write(destination, source, source_size);
    }
    if (entry.count > 1 && raw_copyable(entry.source_type, entry.destination_type)) {
        // Elements whose bytes mean the same in both versions (a file's data,
        // a table of plain records): one copy for all of them.
        write(destination, source, entry.count * destination_size);
    } else {
        TRY(convert_elements(source, entry, destination, source_size, destination_size));
    }
    // Bytes past the last whole element (e.g. a trailing flexible array) travel
    // as they are: scanned, unless declared data (a packet behind its header).
    uint64_t room = entry.destination_size - entry.count * destination_size;
    if (tail > room) return fail(neurath::Error::TooBig, "trailing bytes do not fit the new object", entry.source_type);
    if (entry.flags & kEntryDataTail) {
        write(destination + entry.count * destination_size, source + entry.count * source_size, tail);
        return {};
    }
    return copy_imprecise(source + entry.count * source_size, entry.source_start + entry.count * source_size, tail,
                          destination + entry.count * destination_size, tail, "past the last element");
}

Result<void> Converter::convert_elements(const uint8_t* source, const RelocationEntry& entry, uint8_t* destination,
                                         uint64_t source_size, uint64_t destination_size) {
    for (uint64_t i = 0; i < entry.count; ++i) {
        if (entry.count > 1) push_index(i);
        TRY(convert(source + i * source_size, entry.source_start + i * source_size, entry.source_type,
                    destination + i * destination_size, entry.destination_type));
        if (entry.count > 1) pop_path();
    }
    return {};
}

Result<void> Converter::convert(const uint8_t* source, uint64_t source_address, TypeId s, uint8_t* destination, TypeId d,
                                bool use_hook) {
    if (s == kNoType || d == kNoType) return fail(neurath::Error::BadExecutable, "value without a type");
    if (++depth_ > kMaxDepth) {
        --depth_;
        return fail(neurath::Error::TooBig, "types nested too deeply", s, d);
    }
    Result<void> result{};
    const TypeHookEntry* hook = use_hook ? hook_for(d) : nullptr;
    if (hook) {
        TransferContext context(*this);
        result = hook->hook(context, OldValue{source, source_address, s}, destination, d, hook->user);
        if (result.ok()) mark_bits(destination, 0, destination_.type(d).size * 8);
    } else if (raw_copyable(s, d)) {
        write(destination, source, destination_.type(d).size);
    } else {
        result = convert_by_kind(source, source_address, s, destination, d);
    }
    --depth_;
    return result;
}

Result<void> Converter::convert_by_kind(const uint8_t* source, uint64_t source_address, TypeId s, uint8_t* destination, TypeId d) {
    const TypeRecord& from = source_.type(s);
    const TypeRecord& to = destination_.type(d);
    if (is_integer_like(from.kind) && is_integer_like(to.kind)) return convert_integer(source, s, destination, d);
    if (from.kind == LU_KIND_FLOAT && to.kind == LU_KIND_FLOAT) return convert_float(source, s, destination, d);
    if (is_data_pointer(from.kind) && is_data_pointer(to.kind)) return convert_data_pointer(source, s, destination);
    if (is_code_pointer(from.kind) && from.kind == to.kind) return convert_code_pointer(source, destination);
    if (from.kind == LU_KIND_ARRAY && to.kind == LU_KIND_ARRAY) return convert_array(source, source_address, s, destination, d);
    if (from.kind == LU_KIND_STRUCT && to.kind == LU_KIND_STRUCT) return convert_struct(source, source_address, s, destination, d);
    if (from.kind == LU_KIND_UNION && to.kind == LU_KIND_UNION) return convert_union(source, source_address, s, destination, d);
    if (from.kind == LU_KIND_UNKNOWN && to.kind == LU_KIND_UNKNOWN && from.size == to.size) {
        note_variable_imprecision("unknown type", from);
        return copy_imprecise(source, source_address, from.size, destination, to.size, "unknown type");
    }
    return fail(neurath::Error::NotSupported, "incompatible type change; needs a transfer hook", s, d);
}

// Enumerators travel by name, so renumbered enums keep their meaning; a
// value that names no enumerator of the old enum (a flag mask) keeps its bits.
Result<IntegerValue> Converter::map_enumerator(IntegerValue value, TypeId s, TypeId d) {
    const TypeRecord& from = source_.type(s);
    const TypeRecord& to = destination_.type(d);
    if (from.kind != LU_KIND_ENUM || to.kind != LU_KIND_ENUM) return value;
    for (uint64_t i = 0; i < from.count; ++i) {
        const EnumeratorRecord& e = source_.enumerator(from, i);
        if (static_cast<uint64_t>(e.value) != value.bits) continue;
        for (uint64_t j = 0; j < to.count; ++j) {
            const EnumeratorRecord& n = destination_.enumerator(to, j);
            if (StringView(n.name) == StringView(e.name))
                return IntegerValue{static_cast<uint64_t>(n.value), (to.flags & LU_TYPE_SIGNED) && n.value < 0};
        }
        char text[96];
        TextBuilder(text, sizeof text).add("enumerator '").add(e.name).add("' no longer exists in the new enum");
        return fail(neurath::Error::NotFound, text, s, d);
    }
    return value;
}

Result<void> Converter::convert_integer(const uint8_t* source, TypeId s, uint8_t* destination, TypeId d) {
    const TypeRecord& from = source_.type(s);
    const TypeRecord& to = destination_.type(d);
    if (from.size > 8 || to.size > 8) {
        if (from.size != to.size) return fail(neurath::Error::NotSupported, "128-bit integers cannot change size", s, d);
        write(destination, source, to.size);
        return {};
    }
    IntegerValue value = TRY(map_enumerator(load_integer(source, from.size, (from.flags & LU_TYPE_SIGNED) != 0), s, d));
    bool is_signed = (to.flags & LU_TYPE_SIGNED) != 0;
    bool fits = (to.flags & LU_TYPE_BOOL) ? (!value.negative && value.bits <= 1) : integer_fits(value, to.size, is_signed);
    if (!fits) {
        char text[64];
        TextBuilder message(text, sizeof text);
        message.add("value ");
        if (value.negative) message.add_signed(static_cast<int64_t>(value.bits));
        else message.add_unsigned(value.bits);
        message.add(" does not fit the new type");
        return fail(neurath::Error::TooBig, text, s, d);
    }
    store_integer(destination, to.size, value);
    mark_bits(destination, 0, to.size * 8);
    return {};
}

Result<void> Converter::convert_float(const uint8_t* source, TypeId s, uint8_t* destination, TypeId d) {
    const TypeRecord& from = source_.type(s);
    const TypeRecord& to = destination_.type(d);
    if (from.size == to.size) {
        write(destination, source, to.size);
    } else if (from.size == 4 && to.size == 8) {
        float value;
        platform_copy(&value, source, 4);
        double widened = value;
        write(destination, &widened, 8);
    } else if (from.size == 8 && to.size == 4) {
        double value;
        platform_copy(&value, source, 8);
        float narrowed = static_cast<float>(value);
        if (static_cast<double>(narrowed) != value && value == value)
            return fail(neurath::Error::TooBig, "value loses precision in the narrower type", s, d);
        write(destination, &narrowed, 4);
    } else {
        return fail(neurath::Error::NotSupported, "unsupported floating-point size change", s, d);
    }
    return {};
}

Result<void> Converter::convert_array(const uint8_t* source, uint64_t source_address, TypeId s, uint8_t* destination, TypeId d) {
    const TypeRecord& from = source_.type(s);
    const TypeRecord& to = destination_.type(d);
    if (is_char_type(source_.type(from.target)) && is_char_type(destination_.type(to.target)) && from.count > to.count)
        return convert_char_array(source, s, destination, d);
    uint64_t source_size = source_.type(from.target).size;
    uint64_t destination_size = destination_.type(to.target).size;
    uint64_t common = from.count < to.count ? from.count : to.count;
    for (uint64_t i = common; i < from.count && !backwards_; ++i)
        if (!all_bytes_zero(source + i * source_size, source_size)) {
            push_index(i);
            UpdateError error = fail(neurath::Error::TooBig, "array shrank but this dropped element is in use", s, d);
            pop_path();
            return error;
        }
    for (uint64_t i = 0; i < common; ++i) {
        push_index(i);
        Result<void> result = convert(source + i * source_size, source_address + i * source_size, from.target,
                                      destination + i * destination_size, to.target);
        pop_path();
        if (!result.ok()) return result;
    }
    return {};
}

// A shrinking char array keeps its string when the string still fits.
Result<void> Converter::convert_char_array(const uint8_t* source, TypeId s, uint8_t* destination, TypeId d) {
    const TypeRecord& from = source_.type(s);
    const TypeRecord& to = destination_.type(d);
    uint64_t length = 0;
    while (length < from.count && source[length]) ++length;
    if (length >= to.count && !backwards_) return fail(neurath::Error::TooBig, "string does not fit the smaller char array", s, d);
    if (length >= to.count) length = to.count - 1;
    write(destination, source, length);
    platform_fill(destination + length, 0, to.count - length);
    mark_bits(destination + length, 0, (to.count - length) * 8);
    return {};
}

Result<void> Converter::convert_struct(const uint8_t* source, uint64_t source_address, TypeId s, uint8_t* destination, TypeId d) {
    const TypeRecord& from = source_.type(s);
    const TypeRecord& to = destination_.type(d);
    if ((from.flags & LU_TYPE_INCOMPLETE) || (to.flags & LU_TYPE_INCOMPLETE))
        return fail(neurath::Error::NotSupported, "struct layout unknown (forward-declared only)", s, d);
    const uint32_t plan = TRY(field_plan(s, d));
    for (uint64_t i = 0; i < to.count; ++i) {
        const FieldRecord& field = destination_.field(to, i);
        if ((field.flags & LU_FIELD_NO_TRANSFER) || TRY(stale_field(source, from, to, field))) continue;
        push_field(field.name);
        Result<void> result{};
        const int32_t source_field = planned_field(plan, i);
        if (source_field < 0) {
            result = apply_default(destination + field.offset, field);
        } else {
            const FieldRecord& old = source_.field(from, static_cast<uint64_t>(source_field));
            if (old.flags & LU_FIELD_NO_TRANSFER)
                result = {};  // the source never owned this value (e.g. the reverse of a round trip)
            else if (old.bit_size || field.bit_size)
                result = convert_bitfield(source, old, destination, field);
            else if (const UnionTagEntry* rule = union_tag_for(d, field))
                result = convert_tagged_union(source, source_address, s, old, destination, field, *rule);
            else
                result = convert(source + old.offset, source_address + old.offset, old.type, destination + field.offset, field.type);
        }
        pop_path();
        if (!result.ok()) return result;
    }
    return {};
}

// A StaleFieldEntry for `field` of `to` whose value is stale in this source value.
Result<bool> Converter::stale_field(const uint8_t* source, const TypeRecord& from, const TypeRecord& to, const FieldRecord& field) {
    for (size_t i = 0; i < options_.stale_field_count; ++i) {
        const StaleFieldEntry& entry = options_.stale_fields[i];
        if (StringView(entry.struct_name) != StringView(to.name) || StringView(entry.field) != StringView(field.name)) continue;
        if (!entry.live_flag_field) return true;
        for (uint64_t j = 0; j < from.count; ++j) {
            const FieldRecord& flag = source_.field(from, j);
            const TypeRecord& flag_type = source_.type(flag.type);
            if (StringView(flag.name) != StringView(entry.live_flag_field)) continue;
            if (flag.bit_size || !is_integer_like(flag_type.kind) || flag_type.size > 8) break;
            return (load_integer(source + flag.offset, flag_type.size, false).bits & entry.mask) != entry.value;
        }
        return fail(neurath::Error::InvalidArgument, "stale-field rule names no integer flag field of the old struct", kNoType,
                    kNoType, entry.live_flag_field);
    }
    return false;
}

Result<void> Converter::convert_union(const uint8_t* source, uint64_t source_address, TypeId s, uint8_t* destination, TypeId d) {
    const TypeRecord& from = source_.type(s);
    const TypeRecord& to = destination_.type(d);
    if (all_bytes_zero(source, from.size)) {  // every member reads as zero or null: nothing is ambiguous
        uint8_t zero[64] = {};
        for (uint64_t done = 0; done < to.size; done += sizeof zero)
            write(destination + done, zero, to.size - done < sizeof zero ? to.size - done : sizeof zero);
        return {};
    }
    if (only_data_pointer_members(source_, from) && only_data_pointer_members(destination_, to)) {
        // Whichever member is active, it is an address: relocate it as one.
        uint64_t value = 0;
        platform_copy(&value, source, sizeof value);
        uint64_t relocated = TRY(relocate_data(value, kNoType));
        write(destination, &relocated, sizeof relocated);
        return {};
    }
    if (has_pointers(source_, s) || has_pointers(destination_, d)) {
        // The active member is unknown: its bytes travel as they are, and a
        // likely pointer in them is kept (its target keeps its address),
        // remapped or refused. A union whose layout changed needs a tag or hook.
        if (!layouts_match(source_, s, destination_, d, layouts_))
            return fail(neurath::Error::NotSupported,
                        "union holds pointers and changed layout, so its active member is unknown; needs a tag rule or a transfer hook", s, d);
        note_variable_imprecision("union whose active member is unknown", from);
        return copy_imprecise(source, source_address, from.size, destination, to.size, "union whose active member is unknown");
    }
    uint64_t common = from.size < to.size ? from.size : to.size;
    if (!all_bytes_zero(source + common, from.size - common))
        return fail(neurath::Error::TooBig, "union shrank and its dropped bytes are in use", s, d);
    write(destination, source, common);
    return {};
}

Result<void> Converter::convert_bitfield(const uint8_t* source, const FieldRecord& from, uint8_t* destination, const FieldRecord& to) {
    const TypeRecord& from_type = source_.type(from.type);
    const TypeRecord& to_type = destination_.type(to.type);
    if (!is_integer_like(from_type.kind) || !is_integer_like(to_type.kind))
        return fail(neurath::Error::NotSupported, "bit-field changed to a non-integer", from.type, to.type);
    uint32_t from_bits = from.bit_size ? from.bit_size : static_cast<uint32_t>(from_type.size * 8);
    uint32_t to_bits = to.bit_size ? to.bit_size : static_cast<uint32_t>(to_type.size * 8);
    uint64_t raw = 0;
    platform_copy(&raw, source + from.offset, (from.bit_offset + from_bits + 7) / 8);
    raw >>= from.bit_offset;
    if (from_bits < 64) raw &= (1ull << from_bits) - 1;
    bool from_signed = (from_type.flags & LU_TYPE_SIGNED) != 0;
    if (from_signed && from_bits < 64 && (raw >> (from_bits - 1)) & 1) raw |= ~((1ull << from_bits) - 1);
    IntegerValue value = TRY(map_enumerator(IntegerValue{raw, from_signed && static_cast<int64_t>(raw) < 0}, from.type, to.type));
    bool to_signed = (to_type.flags & LU_TYPE_SIGNED) != 0;
    uint64_t limit = to_bits >= 64 ? ~0ull : (1ull << to_bits) - 1;
    bool fits = to_signed ? (value.negative ? (0 - value.bits) <= (limit >> 1) + 1 : value.bits <= (limit >> 1))
                          : (!value.negative && value.bits <= limit);
    if (!fits) return fail(neurath::Error::TooBig, "value does not fit the new bit-field width", from.type, to.type);
    uint64_t bytes = (to.bit_offset + to_bits + 7) / 8;
    uint64_t storage = 0;
    platform_copy(&storage, destination + to.offset, bytes);
    uint64_t field_mask = (to_bits >= 64 ? ~0ull : (1ull << to_bits) - 1) << to.bit_offset;
    storage = (storage & ~field_mask) | ((value.bits << to.bit_offset) & field_mask);
    platform_copy(destination + to.offset, &storage, bytes);
    mark_bits(destination + to.offset, to.bit_offset, to_bits);
    return {};
}

// An added field: its lu.default value, else left as the new version has it.
Result<void> Converter::apply_default(uint8_t* destination, const FieldRecord& field) {
    if (!field.default_value[0]) return {};
    const TypeRecord& type = destination_.type(field.type);
    StringView text(field.default_value);
    IntegerValue value{0, false};
    bool parsed = false;
    if (type.kind == LU_KIND_ENUM) {
        for (uint64_t i = 0; i < type.count && !parsed; ++i) {
            const EnumeratorRecord& e = destination_.enumerator(type, i);
            if (StringView(e.name) == text) {
                value = IntegerValue{static_cast<uint64_t>(e.value), e.value < 0};
                parsed = true;
            }
        }
    }
    if (!parsed && (type.flags & LU_TYPE_BOOL) && (text == StringView("true") || text == StringView("false"))) {
        value.bits = text == StringView("true");
        parsed = true;
    }
    if (!parsed && is_integer_like(type.kind)) parsed = parse_integer(text, value);
    if (!parsed || type.size > 8 || field.bit_size)
        return fail(neurath::Error::InvalidArgument, "cannot apply the lu.default value", kNoType, kNoType, field.default_value);
    if (!integer_fits(value, type.size, (type.flags & LU_TYPE_SIGNED) != 0))
        return fail(neurath::Error::TooBig, "lu.default value does not fit its field", kNoType, kNoType, field.default_value);
    store_integer(destination, type.size, value);
    return {};
}

}  // namespace libupdate
