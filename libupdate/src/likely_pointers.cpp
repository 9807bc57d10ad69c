// likely_pointers.cpp — the conservative side of state transfer. Bytes the
// metadata does not type precisely (heap objects of unknown type, values of
// unknown type, unions whose active member is unknown, bytes past an
// object's last whole element) may hold addresses the transfer cannot see as
// pointers. They are copied, and every aligned word of them is compared with
// the old version's heap objects, globals and code (its own and shared
// libraries') and with the rest of its memory. A word inside one of them is a
// likely pointer:
//   * into a heap object that kept its address (address-preserving transfer,
//     address_preserving.h: every such target is kept) — left as it is;
//   * into a shared range (memory both versions map alike) — left as it is;
//   * into a function, or a global whose layout did not change — rewritten to
//     the same function (by symbol name, unambiguous names only; an interior
//     address only when the function kept its size) or the same global;
//   * into old heap memory no object covers (freed heap space: anonymous
//     memory on the host, a heap bank inside Neurath) — left as it is: it
//     pointed to nothing in the old version either;
//   * anything else (an object that moved, a global or function that is gone
//     or changed, memory mapped from a file outside every variable, such as
//     a string literal or a C library's data) —
//     the transfer refuses, naming the object, the offset, the word, what it
//     points into and why it cannot travel.
// Words that point nowhere known (integers, string bytes, sentinels) are
// copied unchanged.
//
// Entry points: Converter::copy_imprecise, carry_likely_pointer.
#include "address_preserving.h"
#include "converter.h"

namespace libupdate {

namespace {

constexpr uint64_t kWord = sizeof(uint64_t);

}  // namespace

// What the old word `value` points into, for the refusal; false if nothing.
bool Converter::describe_old_target(uint64_t value, TextBuilder& out) {
    if (is_sentinel_pointer(value)) return false;
    if (const RelocationEntry* entry = map_.find(value)) {
        // Entry indices name old objects and new globals, whichever way the map runs.
        if (entry->kind == RelocationKind::HeapObject && backwards_) {
            out.add("heap object ").add_hex(entry->source_start);
        } else if (entry->kind == RelocationKind::HeapObject) {
            const ObjectRecord& object = source_.objects[entry->index];
            out.add("heap object ").add_hex(object.address).add(" (");
            describe_type(source_, source_.sites[object.site].type, out);
            out.add(", allocated in ").add(source_.sites[object.site].function).add(")");
        } else if (entry->kind == RelocationKind::Global) {
            const ProgramModel& new_model = backwards_ ? source_ : destination_;
            out.add("variable '").add(new_model.globals[entry->index].name).add("'");
        } else {
            out.add("a copied string");
        }
        out.add(" +").add_unsigned(value - entry->source_start);
        return true;
    }
    if (const GlobalRecord* global = source_.global_containing(value)) {
        out.add("variable '").add(global->name).add("' +").add_unsigned(value - global->address);
        return true;
    }
    if (const SymbolRecord* symbol = source_.symbol_containing(value)) {
        out.add("code of '").add(symbol->name).add("' +").add_unsigned(value - symbol->address);
        return true;
    }
    if (reader_.relocate_foreign_code && reader_.relocate_foreign_code(reader_.context, value).ok()) {
        out.add("code of a shared library");
        return true;
    }
    return false;
}

// What a likely pointer becomes in the destination: itself when its target
// kept its address (or it points nowhere known), the same function or global
// when the code or data moved; else an error naming why it cannot travel.
uint64_t Converter::carry_likely_pointer(uint64_t value, const char*& refusal) {
    refusal = nullptr;
    if (is_sentinel_pointer(value)) return value;
    if (const RelocationEntry* entry = map_.find(value)) {
        if (entry->destination == entry->source_start) {  // pinned, or a global at the same address
            ++stats_.kept_likely_pointers;
            return value;
        }
        if (entry->kind == RelocationKind::Global && layouts_match(source_, entry->source_type, destination_,
                                                                    entry->destination_type, layouts_)) {
            ++stats_.remapped_likely_pointers;
            return entry->destination + (value - entry->source_start);
        }
        refusal = entry->kind == RelocationKind::Global ? "its variable changed layout" : "its target moved";
        return value;
    }
    if (in_shared_range(options_.shared_ranges, options_.shared_range_count, value)) {
        ++stats_.kept_likely_pointers;  // mapped alike in both versions (shared_range.h)
        return value;
    }
    if (const SymbolRecord* old_symbol = source_.symbol_containing(value)) {
        const SymbolRecord* new_symbol = destination_.find_symbol(old_symbol->name);
        if (!new_symbol) refusal = "its function no longer exists";
        else if (!source_.symbol_unique(old_symbol->name) || !destination_.symbol_unique(old_symbol->name))
            refusal = "its function's name is ambiguous";
        else if (value != old_symbol->address && new_symbol->size != old_symbol->size)
            refusal = "inside a function whose size changed";
        if (refusal) return value;
        ++stats_.remapped_likely_pointers;
        return new_symbol->address + (value - old_symbol->address);
    }
    if (reader_.relocate_foreign_code) {
        Result<uint64_t> foreign = reader_.relocate_foreign_code(reader_.context, value);
        if (foreign.ok()) {
            (void)foreign_code_.push(ForeignCode{value, foreign.value()});
            ++stats_.remapped_likely_pointers;
            return foreign.value();
        }
    }
    if (source_.global_containing(value)) refusal = "its variable no longer exists";
    else if (!backwards_ && readable_in_source(value)) refusal = outside_every_object(value);
    return value;  // else not an address: an integer, text
}

// A likely pointer into old memory no object covers: kept as it is when that
// is the heap's free space (it pointed to nothing in the old version either,
// e.g. an interpreter's dead table key, compared but never followed);
// refused when it is other memory (the reader says why) or the reader cannot tell.
const char* Converter::outside_every_object(uint64_t value) {
    if (!reader_.not_heap_memory) return "old memory outside every object";
    if (const char* why = reader_.not_heap_memory(reader_.context, value)) return why;
    ++stats_.dangling_likely_pointers;
    return nullptr;
}

bool Converter::readable_in_source(uint64_t value) {
    uint8_t byte = 0;
    return reader_(value, &byte, 1).ok();
}

Result<void> Converter::copy_imprecise(const uint8_t* source, uint64_t source_address, uint64_t source_size,
                                       uint8_t* destination, uint64_t destination_size, const char* what) {
    stats_.scanned_bytes += source_size;
    const uint64_t copied = source_size < destination_size ? source_size : destination_size;
    write(destination, source, copied);
    const uint64_t first = (kWord - source_address % kWord) % kWord;  // first word-aligned byte
    for (uint64_t at = first; at + kWord <= source_size; at += kWord) {
        uint64_t value = 0;
        platform_copy(&value, source + at, kWord);
        const char* refusal = nullptr;
        const uint64_t carried = carry_likely_pointer(value, refusal);
        if (refusal) return refuse_likely_pointer(source_address + at, at, value, what, refusal);
        if (carried != value && at + kWord <= copied) platform_copy(destination + at, &carried, kWord);
    }
    return {};
}

UpdateError Converter::refuse_likely_pointer(uint64_t address, uint64_t at, uint64_t value, const char* what,
                                             const char* refusal) {
    char target[128];
    TextBuilder target_text(target, sizeof target);
    if (!describe_old_target(value, target_text)) target_text.add("old memory outside every object");
    // Offsets count from the heap object being converted, else from the value.
    const uint64_t offset = root_object_ ? address - root_object_->address : at;
    char text[256];
    TextBuilder(text, sizeof text)
        .add("likely pointer at offset ").add_unsigned(offset).add(" (").add(what).add("), not relocatable (").add(refusal)
        .add("): ").add_hex(value).add(" -> ").add(target);
    return fail(neurath::Error::NotSupported, text);
}

}  // namespace libupdate
