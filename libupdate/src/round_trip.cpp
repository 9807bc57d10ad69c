// round_trip.cpp — transfers the new state back into the old layout and
// compares it with the old image (see round_trip.h).
//
// Entry points: round_trip_check.
#include "round_trip.h"

#include "converter.h"

namespace libupdate {

namespace {

UpdateError no_memory() { return make_error(neurath::Error::NoMemory, "out of memory during the round-trip check"); }

Result<void> build_reverse_map(const RelocationMap& forward, const Vector<CopiedString>& strings, RelocationMap& reverse) {
    for (size_t i = 0; i < forward.size(); ++i) {
        const RelocationEntry& e = forward[i];
        RelocationEntry back{e.destination, e.destination_size, e.source_start, e.source_size,
                             e.destination_type, e.source_type, e.count, e.index, e.kind, e.flags};
        if (!reverse.add(back)) return no_memory();
    }
    for (const CopiedString& s : strings) {
        RelocationEntry back{s.new_address, s.size, s.old_address, s.size, kNoType, kNoType, 0, 0, RelocationKind::CopiedString};
        if (!reverse.add(back)) return no_memory();
    }
    return reverse.seal();
}

struct Scratch {
    uint8_t* current = nullptr;  // new state, read locally
    uint8_t* rebuilt = nullptr;  // converted back into the old layout
    uint8_t* mask = nullptr;     // bits the conversion produced
    uint8_t* original = nullptr; // the old image's bytes
    ~Scratch() {
        platform_release(current);
        platform_release(rebuilt);
        platform_release(mask);
        platform_release(original);
    }
};

Result<void> compare_entry(Converter& back, const RelocationEntry& entry, const MemoryReader& old_image, const char* what) {
    Scratch scratch;
    scratch.current = static_cast<uint8_t*>(platform_allocate(entry.source_size + 1));
    scratch.rebuilt = static_cast<uint8_t*>(platform_allocate(entry.destination_size + 1));
    scratch.mask = static_cast<uint8_t*>(platform_allocate(entry.destination_size + 1));
    scratch.original = static_cast<uint8_t*>(platform_allocate(entry.destination_size + 1));
    if (!scratch.current || !scratch.rebuilt || !scratch.mask || !scratch.original) return no_memory();
    platform_copy(scratch.current, reinterpret_cast<const void*>(entry.source_start), entry.source_size);
    platform_fill(scratch.rebuilt, 0, entry.destination_size);
    platform_fill(scratch.mask, 0, entry.destination_size);
    TRY(old_image(entry.destination, scratch.original, entry.destination_size));
    back.set_mask(scratch.rebuilt, scratch.mask, entry.destination_size);
    back.set_root(what);
    TRY(back.convert_object(scratch.current, entry, scratch.rebuilt));
    for (uint64_t i = 0; i < entry.destination_size; ++i) {
        if (((scratch.rebuilt[i] ^ scratch.original[i]) & scratch.mask[i]) == 0) continue;
        UpdateError error;
        error.code = neurath::Error::BadMessage;
        TextBuilder(error.text, kErrorTextSize)
            .add("round-trip check: ")
            .add(what)
            .add(" differs at byte ")
            .add_unsigned(i)
            .add(" after old -> new -> old");
        return error;
    }
    return {};
}

// Library code addresses go back to what they were in the old version.
Result<uint64_t> back_to_old_code(void* context, uint64_t address) {
    for (const ForeignCode& f : *static_cast<const Vector<ForeignCode>*>(context))
        if (f.new_address == address) return f.old_address;
    return make_error(neurath::Error::NotFound, "code address unknown to the forward transfer");
}

bool has_variable_hook(const TransferOptions& options, const char* name) {
    for (size_t i = 0; i < options.variable_hook_count; ++i)
        if (StringView(options.variable_hooks[i].variable_name) == StringView(name)) return true;
    return false;
}

}  // namespace

Result<void> round_trip_check(const ProgramModel& old_model, const MemoryReader& old_image, const ProgramModel& new_model,
                              const RelocationMap& forward, const Vector<CopiedString>& copied_strings,
                              const TransferOptions& options, const Vector<ForeignCode>& foreign_code) {
    RelocationMap reverse;
    TRY(build_reverse_map(forward, copied_strings, reverse));
    TransferOptions no_hooks;  // declarative rules (tagged unions, stale fields, shared ranges) apply both ways; hooks do not
    no_hooks.union_tags = options.union_tags;
    no_hooks.union_tag_count = options.union_tag_count;
    no_hooks.stale_fields = options.stale_fields;
    no_hooks.stale_field_count = options.stale_field_count;
    no_hooks.shared_ranges = options.shared_ranges;
    no_hooks.shared_range_count = options.shared_range_count;
    MemoryReader local = local_memory_reader();
    local.relocate_foreign_code = back_to_old_code;
    local.context = const_cast<Vector<ForeignCode>*>(&foreign_code);
    Converter back(new_model, local, old_model, reverse, no_hooks);
    back.set_backwards(true);
    for (size_t i = 0; i < reverse.size(); ++i) {
        const RelocationEntry& entry = reverse[i];
        char what[200];
        TextBuilder text(what, sizeof what);
        if (entry.kind == RelocationKind::Global) {
            const GlobalRecord& g = new_model.globals[entry.index];
            if ((g.flags & (LU_GLOBAL_CONST | LU_GLOBAL_NO_TRANSFER)) || has_variable_hook(options, g.name)) continue;
            text.add("variable '").add(g.name).add("'");
        } else if (entry.kind == RelocationKind::HeapObject) {
            text.add("heap object ").add_hex(entry.destination).add(" (");
            describe_type(old_model, entry.destination_type, text);
            text.add(")");
        } else {
            continue;  // copied strings were copied byte for byte
        }
        TRY(compare_entry(back, entry, old_image, what));
    }
    return {};
}

}  // namespace libupdate
