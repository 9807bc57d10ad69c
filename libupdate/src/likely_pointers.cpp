// likely_pointers.cpp — the conservative side of state transfer. Bytes the
// metadata does not type precisely (heap objects of unknown type, values of
// unknown type, bytes past an object's last whole element) may hold
// addresses the transfer cannot see as pointers. Before such bytes are
// copied, every aligned word is compared with the old version's heap
// objects, globals and code (its own and shared libraries'). A word inside
// one of them is a likely pointer: copied as it is, it would point into the
// old process; rewritten, it might be an integer that only looks like an
// address. Neither is safe, so the transfer refuses, naming the object, the
// offset, the word and what it points into. Words that point nowhere known
// (integers, string bytes, sentinels) are copied unchanged.
//
// Entry points: Converter::copy_imprecise.
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

Result<void> Converter::refuse_likely_pointers(const uint8_t* source, uint64_t source_address, uint64_t size, const char* what) {
    stats_.scanned_bytes += size;
    const uint64_t first = (kWord - source_address % kWord) % kWord;  // first word-aligned byte
    for (uint64_t at = first; at + kWord <= size; at += kWord) {
        uint64_t value = 0;
        platform_copy(&value, source + at, kWord);
        char target[128];
        TextBuilder target_text(target, sizeof target);
        if (!describe_old_target(value, target_text)) continue;
        // Offsets count from the heap object being converted, else from the value.
        const uint64_t offset = root_object_ ? source_address + at - root_object_->address : at;
        char text[200];
        TextBuilder(text, sizeof text)
            .add("likely pointer at offset ").add_unsigned(offset).add(" (").add(what).add("), not relocatable: ")
            .add_hex(value).add(" -> ").add(target);
        return fail(neurath::Error::NotSupported, text);
    }
    return {};
}

Result<void> Converter::copy_imprecise(const uint8_t* source, uint64_t source_address, uint64_t source_size,
                                       uint8_t* destination, uint64_t destination_size, const char* what) {
    TRY(refuse_likely_pointers(source, source_address, source_size, what));
    write(destination, source, source_size < destination_size ? source_size : destination_size);
    return {};
}

}  // namespace libupdate
