// converter.cpp — Converter infrastructure: field matching plans, the
// raw-copy fast path, error paths, hooks lookup, and the TransferContext
// that hooks use.
//
// Entry points: Converter (constructor, field_plan, raw_copyable,
// has_pointers, fail, push_*/pop_path, set_root), TransferContext members,
// names_match, is_char_type.
#include "converter.h"

namespace libupdate {

namespace {

uint64_t pair_key(TypeId a, TypeId b) { return ((static_cast<uint64_t>(a) << 32) | b) + 2; }

bool field_names_match(const FieldRecord& source, const FieldRecord& destination) {
    if (!source.name[0]) return false;  // anonymous members match by position (below)
    StringView name(source.name);
    return name == StringView(destination.name) || (destination.renamed_from[0] && name == StringView(destination.renamed_from));
}

}  // namespace

bool names_match(const char* source_name, const TypeRecord& destination) {
    StringView name(source_name);
    return name == StringView(destination.name) || (destination.renamed_from[0] && name == StringView(destination.renamed_from));
}

bool is_char_type(const TypeRecord& type) {
    return type.kind == LU_KIND_INTEGER && type.size == 1 && (type.flags & LU_TYPE_CHAR) != 0;
}

Converter::Converter(const ProgramModel& source, const MemoryReader& source_reader, const ProgramModel& destination,
                     const RelocationMap& map, const TransferOptions& options)
    : source_(source), reader_(source_reader), destination_(destination), map_(map), options_(options) {}

void Converter::set_root(const char* description) {
    root_ = description;
    root_object_ = nullptr;
    path_.clear();
}

void Converter::set_root_object(const ObjectRecord* object) {
    root_ = "";
    root_object_ = object;
    path_.clear();
}

void Converter::note_variable_imprecision(const char* why, const TypeRecord& type) {
    if (options_.note_imprecision == nullptr || root_object_ != nullptr) return;
    char subject[128];
    TextBuilder text(subject, sizeof subject);
    if (type.name && type.name[0]) {
        text.add(type.name);
    } else {  // a type without a name, known by the field it fills: ".field"
        for (size_t i = path_.size(); i > 0; --i)
            if (path_[i - 1].name) {
                text.add(".").add(path_[i - 1].name);
                break;
            }
    }
    options_.note_imprecision(options_.note_context, ImprecisionNote{why, "", "", 0, subject});
}

void Converter::push_field(const char* name) { (void)path_.push(PathSegment{name, 0}); }
void Converter::push_index(uint64_t index) { (void)path_.push(PathSegment{nullptr, index}); }
void Converter::pop_path() {
    if (!path_.empty()) path_.pop();
}

UpdateError Converter::fail(neurath::Error code, const char* what, TypeId source_type, TypeId destination_type,
                            const char* tail) {
    UpdateError error;
    error.code = code;
    TextBuilder text(error.text, kErrorTextSize);
    text.add(root_);
    if (root_object_) {
        const SiteRecord& site = source_.sites[root_object_->site];
        text.add("heap object ").add_hex(root_object_->address).add(" (");
        describe_type(source_, site.type, text);
        text.add(", allocated in ").add(site.function).add(")");
    }
    if (!path_.empty()) {
        text.add(", field ");
        bool first = true;
        for (const PathSegment& segment : path_) {
            if (segment.name) {
                if (!first) text.add(".");
                text.add(segment.name[0] ? segment.name : "<anonymous>");
            } else {
                text.add("[").add_unsigned(segment.index).add("]");
            }
            first = false;
        }
    }
    text.add(": ").add(what);
    if (source_type != kNoType) {
        text.add(" (old type ");
        describe_type(source_, source_type, text);
        if (destination_type != kNoType) {
            text.add(", new type ");
            describe_type(destination_, destination_type, text);
        }
        text.add(")");
    }
    if (tail) text.add(tail);
    return error;
}

Result<uint32_t> Converter::field_plan(TypeId s, TypeId d) {
    uint64_t key = pair_key(s, d);
    if (uint32_t* offset = plans_.find(key)) return *offset;
    const TypeRecord& from = source_.type(s);
    const TypeRecord& to = destination_.type(d);
    uint32_t start = static_cast<uint32_t>(plan_pool_.size());
    uint64_t anonymous_seen = 0;
    for (uint64_t i = 0; i < to.count; ++i) {
        const FieldRecord& field = destination_.field(to, i);
        int32_t match = -1;
        uint64_t anonymous_index = 0;
        for (uint64_t j = 0; j < from.count && match < 0; ++j) {
            const FieldRecord& candidate = source_.field(from, j);
            if (field_names_match(candidate, field)) match = static_cast<int32_t>(j);
            // Anonymous members (unnamed unions/structs) pair up in order.
            if (!candidate.name[0] && !field.name[0] && anonymous_index++ == anonymous_seen) match = static_cast<int32_t>(j);
        }
        if (!field.name[0]) ++anonymous_seen;
        if (!plan_pool_.push(match)) return make_error(neurath::Error::NoMemory, "out of memory planning fields");
    }
    if (!plans_.insert(key, start)) return make_error(neurath::Error::NoMemory, "out of memory planning fields");
    return start;
}

bool Converter::has_pointers(const ProgramModel& model, TypeId id) {
    HashMap<uint8_t>& cache = &model == &source_ ? pointers_source_ : pointers_destination_;
    if (uint8_t* known = cache.find(static_cast<uint64_t>(id) + 2)) return *known == 1;
    const TypeRecord& t = model.type(id);
    bool result = false;
    (void)cache.insert(static_cast<uint64_t>(id) + 2, 2);  // provisional: breaks cycles through pointers
    switch (t.kind) {
    case LU_KIND_POINTER:
    case LU_KIND_C_STRING:
    case LU_KIND_FUNCTION_POINTER:
    case LU_KIND_VTABLE_POINTER:
        result = true;
        break;
    case LU_KIND_ARRAY:
        result = t.count != 0 && has_pointers(model, t.target);
        break;
    case LU_KIND_STRUCT:
    case LU_KIND_UNION:
        for (uint64_t i = 0; i < t.count && !result; ++i) result = has_pointers(model, model.field(t, i).type);
        break;
    case LU_KIND_UNKNOWN:
        result = (t.flags & LU_TYPE_HAS_POINTERS) != 0;
        break;
    default:
        break;
    }
    (void)cache.insert(static_cast<uint64_t>(id) + 2, result ? 1 : 2);
    return result;
}

// Same layout, no pointers, no hooks inside: a plain byte copy is exact.
bool Converter::raw_copyable(TypeId s, TypeId d) {
    uint64_t key = pair_key(s, d);
    if (uint8_t* known = copyable_.find(key)) return *known == 1;
    const TypeRecord& from = source_.type(s);
    const TypeRecord& to = destination_.type(d);
    bool result = from.kind == to.kind && from.size == to.size && from.flags == to.flags && from.count == to.count &&
                  !has_pointers(source_, s) && !hook_for(d) && from.kind != LU_KIND_UNKNOWN;
    if (result && from.kind == LU_KIND_ENUM) {
        // Enumerators travel by name; the bytes mean the same only when both
        // versions name and number them alike.
        for (uint64_t i = 0; i < to.count && result; ++i) {
            const EnumeratorRecord& a = source_.enumerator(from, i);
            const EnumeratorRecord& b = destination_.enumerator(to, i);
            result = a.value == b.value && StringView(a.name) == StringView(b.name);
        }
    } else if (result && (from.kind == LU_KIND_STRUCT || from.kind == LU_KIND_UNION)) {
        for (uint64_t i = 0; i < to.count && result; ++i) {
            const FieldRecord& a = source_.field(from, i);
            const FieldRecord& b = destination_.field(to, i);
            result = StringView(a.name) == StringView(b.name) && a.offset == b.offset && a.bit_offset == b.bit_offset &&
                     a.bit_size == b.bit_size && !(b.flags & LU_FIELD_NO_TRANSFER) && raw_copyable(a.type, b.type);
        }
    } else if (result && from.kind == LU_KIND_ARRAY) {
        result = raw_copyable(from.target, to.target);
    }
    (void)copyable_.insert(key, result ? 1 : 2);
    return result;
}

const TypeHookEntry* Converter::hook_for(TypeId d) const {
    const TypeRecord& t = destination_.type(d);
    if (!t.name[0]) return nullptr;
    for (size_t i = 0; i < options_.type_hook_count; ++i)
        if (StringView(options_.type_hooks[i].type_name) == StringView(t.name)) return &options_.type_hooks[i];
    return nullptr;
}

// ---------------------------------------------------------------- TransferContext

const ProgramModel& TransferContext::old_model() const { return converter_.source(); }
const ProgramModel& TransferContext::new_model() const { return converter_.destination(); }

Result<OldValue> TransferContext::field(const OldValue& value, StringView name) const {
    const ProgramModel& model = converter_.source();
    const TypeRecord& t = model.type(value.type);
    if (t.kind == LU_KIND_STRUCT || t.kind == LU_KIND_UNION) {
        for (uint64_t i = 0; i < t.count; ++i) {
            const FieldRecord& f = model.field(t, i);
            if (StringView(f.name) == name) return OldValue{value.bytes + f.offset, value.address + f.offset, f.type};
        }
    }
    UpdateError error = converter_.fail(neurath::Error::NotFound, "hook asked for a field the old type lacks", value.type);
    return error;
}

Result<int64_t> TransferContext::integer(const OldValue& value) const {
    const TypeRecord& t = converter_.source().type(value.type);
    if (!is_integer_like(t.kind) || t.size > 8)
        return converter_.fail(neurath::Error::InvalidArgument, "hook read a non-integer as an integer", value.type);
    bool is_signed = (t.flags & LU_TYPE_SIGNED) != 0;
    return static_cast<int64_t>(load_integer(value.bytes, t.size, is_signed).bits);
}

Result<uint64_t> TransferContext::pointer(const OldValue& value) const {
    const TypeRecord& t = converter_.source().type(value.type);
    uint64_t raw = 0;
    platform_copy(&raw, value.bytes, sizeof raw);
    if (is_code_pointer(t.kind)) return converter_.relocate_code(raw);
    if (is_data_pointer(t.kind)) return converter_.relocate_data(raw, t.target);
    return converter_.fail(neurath::Error::InvalidArgument, "hook read a non-pointer as a pointer", value.type);
}

Result<void> TransferContext::convert(const OldValue& value, void* destination, TypeId new_type) const {
    return converter_.convert(value.bytes, value.address, value.type, static_cast<uint8_t*>(destination), new_type);
}

Result<void> TransferContext::convert_default(const OldValue& value, void* destination, TypeId new_type) const {
    return converter_.convert(value.bytes, value.address, value.type, static_cast<uint8_t*>(destination), new_type, false);
}

Result<void> TransferContext::read_old(uint64_t address, void* out, size_t size) const {
    return converter_.source_reader()(address, out, size);
}

}  // namespace libupdate
