// address_preserving.cpp — which old objects keep their address, whether two
// layouts are the same, and the state check over imprecise bytes (see
// address_preserving.h).
//
// Entry points: PinPlan::build, layouts_match, verify_imprecise_words.
#include "address_preserving.h"

#include <libupdate/sort.h>

#include "converter.h"
#include "imprecise_walk.h"

namespace libupdate {

namespace {

constexpr uint64_t kWord = sizeof(uint64_t);

UpdateError no_memory() { return make_error(neurath::Error::NoMemory, "out of memory planning address-preserving transfer"); }

// Calls `each(offset, value)` for every aligned 8-byte word of a stretch.
template <typename Each>
Result<void> for_each_word(const uint8_t* bytes, uint64_t address, uint64_t size, Each each) {
    const uint64_t first = (kWord - address % kWord) % kWord;
    for (uint64_t at = first; at + kWord <= size; at += kWord) {
        uint64_t value = 0;
        platform_copy(&value, bytes + at, kWord);
        if (!is_sentinel_pointer(value)) TRY(each(at, value));
    }
    return {};
}

// Reads one object into `buffer` (grown as needed).
Result<const uint8_t*> read_into(const MemoryReader& reader, uint64_t address, uint64_t size, Vector<uint8_t>& buffer) {
    if (buffer.size() < size && !buffer.resize(size)) return no_memory();
    TRY(reader(address, buffer.begin(), size));
    return static_cast<const uint8_t*>(buffer.begin());
}

}  // namespace

bool declared_untyped(const ProgramModel& model, const ObjectRecord& object, const TransferOptions& options) {
    StringView function(model.sites[object.site].function);
    for (size_t i = 0; i < options.untyped_allocation_count; ++i)
        if (function == StringView(options.untyped_allocations[i])) return true;
    return false;
}

bool tail_is_data(const ProgramModel& model, const ObjectRecord& object) {
    return (model.sites[object.site].flags & LU_SITE_DATA) != 0;
}

uint64_t transfer_elements(const ProgramModel& model, const ObjectRecord& object, const TransferOptions& options) {
    return declared_untyped(model, object, options) ? 0 : object_elements(model, object);
}

// Text (plain `char`: C strings, whose bytes past the terminator are
// leftovers) is data; raw memory (`unsigned char`, `uint8_t`) may hold objects.
bool scanned_byte_buffer(const ProgramModel& model, const ObjectRecord& object, const TransferOptions& options) {
    const TypeRecord& type = model.type(model.sites[object.site].type);
    if (!is_integer_like(type.kind) || type.size != 1 || transfer_elements(model, object, options) == 0) return false;
    return StringView(type.name) != StringView("char") && !(model.sites[object.site].flags & LU_SITE_DATA);
}

uint32_t PinPlan::object_at(uint64_t address) const {
    size_t low = 0, high = by_address_.size();
    while (low < high) {  // first object starting after `address`
        size_t middle = (low + high) / 2;
        if (model_->objects[by_address_[middle]].address <= address) low = middle + 1;
        else high = middle;
    }
    if (low == 0) return kNoIndex;
    const uint32_t candidate = by_address_[low - 1];
    const ObjectRecord& object = model_->objects[candidate];
    return address <= object.address + object.size ? candidate : kNoIndex;  // one past the end included
}

void PinPlan::note(const char* why, const char* subject) const {
    if (options_->note_imprecision == nullptr) return;
    const ImprecisionNote note{why, site_->function ? site_->function : "", site_->allocator_name ? site_->allocator_name : "",
                               site_->line, subject};
    options_->note_imprecision(options_->note_context, note);
}

Result<void> PinPlan::visit(void* context, const uint8_t* bytes, uint64_t address, uint64_t size, const char* why,
                            const char* subject) {
    auto* plan = static_cast<PinPlan*>(context);
    plan->note(why, subject);
    return for_each_word(bytes, address, size, [plan](uint64_t, uint64_t value) -> Result<void> {
        const uint32_t target = plan->object_at(value);
        if (target == kNoIndex) return {};
        plan->marks_[target] = 1;
        ++plan->likely_pointers_;
        return {};
    });
}

Result<void> PinPlan::build(const ProgramModel& old_model, const MemoryReader& reader, const TransferOptions& options) {
    model_ = &old_model;
    options_ = &options;
    const size_t count = old_model.objects.size();
    if (!marks_.resize(count) || !by_address_.resize(count)) return no_memory();
    for (size_t i = 0; i < count; ++i) {
        marks_[i] = 0;
        by_address_[i] = static_cast<uint32_t>(i);
    }
    if (!sort_by_key(by_address_, [&](uint32_t i) { return old_model.objects[i].address; })) return no_memory();
    ImpreciseWalker walker(old_model, options);
    Vector<uint8_t> buffer;
    for (const ObjectRecord& object : old_model.objects) {
        const TypeRecord& type = old_model.type(old_model.sites[object.site].type);
        const uint64_t count = transfer_elements(old_model, object, options);
        const TypeId element = count ? old_model.sites[object.site].type : kNoType;
        const bool bytes = scanned_byte_buffer(old_model, object, options);
        const bool data = count && !bytes && is_integer_like(type.kind) && type.size == 1;
        if (data || (count && !bytes && !walker.imprecise(element) && object.size == count * type.size)) continue;
        const uint8_t* contents = TRY(read_into(reader, object.address, object.size, buffer));
        site_ = &old_model.sites[object.site];
        if (declared_untyped(old_model, object, options))
            TRY(visit(this, contents, object.address, object.size, "declared untyped", ""));
        else if (bytes) TRY(visit(this, contents, object.address, object.size, "byte buffer", ""));
        else TRY(walker.for_each_in_object(contents, object.address, object.size, element, count, tail_is_data(old_model, object),
                                           ImpreciseVisitor{visit, this}));
    }
    return {};
}

bool layouts_match(const ProgramModel& a, TypeId s, const ProgramModel& b, TypeId d, HashMap<uint8_t>& memo) {
    const uint64_t key = ((static_cast<uint64_t>(s) << 32) | d) + 2;
    if (uint8_t* known = memo.find(key)) return *known == 1;
    (void)memo.insert(key, 1);  // provisional: a cycle through pointers matches
    const TypeRecord& from = a.type(s);
    const TypeRecord& to = b.type(d);
    bool result = from.kind == to.kind && from.size == to.size && from.count == to.count;
    if (result && (from.kind == LU_KIND_STRUCT || from.kind == LU_KIND_UNION)) {
        for (uint64_t i = 0; i < from.count && result; ++i) {
            const FieldRecord& x = a.field(from, i);
            const FieldRecord& y = b.field(to, i);
            result = StringView(x.name) == StringView(y.name) && x.offset == y.offset && x.bit_offset == y.bit_offset &&
                     x.bit_size == y.bit_size && layouts_match(a, x.type, b, y.type, memo);
        }
    } else if (result && from.kind == LU_KIND_ARRAY) {
        result = layouts_match(a, from.target, b, to.target, memo);
    } else if (result && is_integer_like(from.kind)) {
        result = (from.flags & LU_TYPE_SIGNED) == (to.flags & LU_TYPE_SIGNED);
    }
    if (uint8_t* slot = memo.find(key)) *slot = result ? 1 : 2;
    return result;
}

namespace {

struct NewRange {
    uint64_t start;
    uint64_t size;
};

// The post-transfer scan: one object of the new version at a time.
class ImpreciseCheck {
public:
    ImpreciseCheck(const ProgramModel& old_model, const ProgramModel& new_model, const RelocationMap& map)
        : old_(old_model), new_(new_model), map_(map) {}

    Result<void> index_new_objects() {
        for (size_t i = 0; i < map_.size(); ++i)
            if (map_[i].kind != RelocationKind::Global && !objects_.push(NewRange{map_[i].destination, map_[i].destination_size}))
                return no_memory();
        if (!sort_by_key(objects_, [](const NewRange& r) { return r.start; })) return no_memory();
        return {};
    }

    static Result<void> visit(void* context, const uint8_t* bytes, uint64_t address, uint64_t size, const char*, const char*) {
        auto* check = static_cast<ImpreciseCheck*>(context);
        return for_each_word(bytes, address, size, [&](uint64_t at, uint64_t value) { return check->word(address + at, value); });
    }

    const RelocationEntry* current = nullptr;
    uint64_t checked = 0;

private:
    bool inside_new_object(uint64_t value) const {
        size_t low = 0, high = objects_.size();
        while (low < high) {
            size_t middle = (low + high) / 2;
            if (objects_[middle].start <= value) low = middle + 1;
            else high = middle;
        }
        return low > 0 && value <= objects_[low - 1].start + objects_[low - 1].size;
    }

    // Still an old address that moved, and no new one: the transfer left it stale.
    const char* stale(uint64_t value) const {
        if (const RelocationEntry* entry = map_.find(value)) {
            if (entry->destination == entry->source_start) return nullptr;  // kept at its address
            if (entry->kind == RelocationKind::Global) return new_.global_containing(value) ? nullptr : "an old global that moved";
            return inside_new_object(value) ? nullptr : "an old heap object that moved";
        }
        if (old_.symbol_containing(value) && !new_.symbol_containing(value)) return "old code that moved";
        return nullptr;
    }

    Result<void> word(uint64_t where, uint64_t value) {
        ++checked;
        const char* what = stale(value);
        if (!what) return {};
        char text[200];
        TextBuilder(text, sizeof text)
            .add("state check: new heap object ").add_hex(current->destination).add(", offset ")
            .add_unsigned(where - current->destination).add(": ").add_hex(value).add(" is the address of ").add(what);
        return make_error(neurath::Error::InvalidArgument, text);
    }

    const ProgramModel& old_;
    const ProgramModel& new_;
    const RelocationMap& map_;
    Vector<NewRange> objects_;
};

}  // namespace

Result<uint64_t> verify_imprecise_words(const ProgramModel& old_model, const ProgramModel& new_model, const RelocationMap& map,
                                        const TransferOptions& options) {
    ImpreciseCheck check(old_model, new_model, map);
    TRY(check.index_new_objects());
    ImpreciseWalker walker(new_model, options);
    for (size_t i = 0; i < map.size(); ++i) {
        const RelocationEntry& entry = map[i];
        if (entry.kind != RelocationKind::HeapObject) continue;
        check.current = &entry;
        if (entry.flags & kEntryScannedBytes) {
            TRY(ImpreciseCheck::visit(&check, reinterpret_cast<const uint8_t*>(entry.destination), entry.destination,
                                      entry.destination_size, "byte buffer", ""));
            continue;
        }
        TRY(walker.for_each_in_object(reinterpret_cast<const uint8_t*>(entry.destination), entry.destination, entry.destination_size,
                                      entry.destination_type, entry.count, (entry.flags & kEntryDataTail) != 0,
                                      ImpreciseVisitor{ImpreciseCheck::visit, &check}));
    }
    return check.checked;
}

}  // namespace libupdate
