// transfer.h — state transfer from an old program image into the running
// new version, with hand-written hooks, checks and all-or-nothing commit.
//
// Rules (see README.md for the full list): globals are matched by name (or a
// lu.renamed_from annotation), heap objects by allocation-site id and then by
// type name, fields by name; integers are widened or narrowed with range
// checks, arrays grown or shrunk, added fields zeroed or set to their
// lu.default value, every pointer relocated (interior pointers included),
// function and vtable pointers remapped by symbol name, shared and cyclic
// structures transferred once. A change no rule covers fails with an error
// naming the variable, field path and types, unless a hook handles it.
// State the metadata does not type precisely is copied only when no word of
// it looks like a pointer into the old version; otherwise the transfer
// refuses, naming the object, offset and target. Unions holding pointers
// need a declared tag (UnionTagEntry) or a hook.
// On any failure the new version's globals are restored and every object the
// transfer created is freed.
//
// Entry points: transfer_state(), TransferOptions, TransferStats, hooks
// (TypeHook, VariableHook, AllocatorHook, Invariant), UnionTagEntry, TransferHooks, TransferContext, OldValue.
#pragma once

#include <libupdate/memory_reader.h>
#include <libupdate/program_model.h>
#include <libupdate/result.h>
#include <libupdate/shared_range.h>

namespace libupdate {

class Converter;

// A value of the old version, already copied out of the old image.
struct OldValue {
    const uint8_t* bytes;  // the value's bytes (valid during the hook call)
    uint64_t address;      // where it lived in the old image
    TypeId type;           // in the old model
};

// What hooks can do besides writing the destination themselves.
class TransferContext {
public:
    explicit TransferContext(Converter& converter) : converter_(converter) {}

    const ProgramModel& old_model() const;
    const ProgramModel& new_model() const;
    // A named field of an old struct value.
    Result<OldValue> field(const OldValue& value, StringView name) const;
    // An old integer, enum or bool of any width, sign-extended as its type says.
    Result<int64_t> integer(const OldValue& value) const;
    // An old data or function pointer, relocated into the new version.
    Result<uint64_t> pointer(const OldValue& value) const;
    // Convert with the default rules (and hooks of nested types) into
    // `destination` of new type `new_type`.
    Result<void> convert(const OldValue& value, void* destination, TypeId new_type) const;
    // The same, but ignoring a hook registered for `new_type` itself, so a
    // hook can let the rules do the bulk and fix up one field afterwards.
    Result<void> convert_default(const OldValue& value, void* destination, TypeId new_type) const;
    // Raw read of old memory (e.g. to follow a pointer by hand).
    Result<void> read_old(uint64_t address, void* out, size_t size) const;

private:
    Converter& converter_;
};

// Converts one value of a registered type (all instances, heap and globals).
// `destination` is zero-filled for heap objects and holds the new version's
// initial value for globals.
using TypeHook = Result<void> (*)(TransferContext& context, const OldValue& old_value, void* destination,
                                  TypeId new_type, void* user);
// Transfers one global. `old_value` is null when the old version had no such variable.
using VariableHook = Result<void> (*)(TransferContext& context, const OldValue* old_value, void* destination,
                                      TypeId new_type, void* user);
// Allocates (and, on rollback, releases) a new-version object for a project
// allocator, named as in lu_alloc_site.allocator_name.
using AllocatorHook = void* (*)(size_t size, const lu_alloc_site* site, void* user);
using AllocatorRelease = void (*)(void* object, void* user);
// A program-declared invariant over the new state; false fails the update.
using Invariant = bool (*)(void* user);

struct TypeHookEntry {
    const char* type_name;  // new version's type name
    TypeHook hook;
    void* user;
};
struct VariableHookEntry {
    const char* variable_name;  // new version's variable name
    VariableHook hook;
    void* user;
};
struct AllocatorHookEntry {
    const char* allocator_name;
    AllocatorHook allocate;
    AllocatorRelease release;
    void* user;
};
struct InvariantEntry {
    const char* name;
    Invariant check;
    void* user;
};

// Tagged unions: which member of a union field is active, from a tag field
// of the same struct. The first rule with (tag & mask) == value names the
// member; an empty member name means no member is active (the union's bytes
// carry nothing, e.g. a nil value). A tag no rule matches fails the transfer.
struct UnionMemberRule {
    uint64_t mask;
    uint64_t value;
    const char* member;
};
struct UnionTagEntry {
    const char* struct_name;  // the enclosing struct (new version's name)
    const char* union_field;  // its union-typed field
    const char* tag_field;    // its integer or enum field holding the tag
    const UnionMemberRule* rules;
    size_t rule_count;
};

// Stale fields: a field whose value means nothing once the program is
// parked (e.g. a pointer to a stack frame that has since returned, which the
// program never follows again), always or unless a flag of the same struct
// says it is live (a destructor pointer that counts only under a "dynamic"
// flag). A stale value is not transferred: the new version's object has zero
// there. Without the entry, such a pointer is refused ("targets no object of
// the old version", "matches no function").
struct StaleFieldEntry {
    const char* struct_name;  // the enclosing struct (new version's name)
    const char* field;
    const char* live_flag_field = nullptr;  // optional: live only when (this field & mask) == value
    uint64_t mask = 0;
    uint64_t value = 0;
};

// What a program says about its own state: hooks for the changes the rules
// cannot convert, tagged unions, invariants the new state must satisfy, and
// memory both versions map alike (shared_range.h: pointers into it are kept).
struct TransferHooks {
    const TypeHookEntry* type_hooks = nullptr;
    size_t type_hook_count = 0;
    const VariableHookEntry* variable_hooks = nullptr;
    size_t variable_hook_count = 0;
    const InvariantEntry* invariants = nullptr;
    size_t invariant_count = 0;
    const UnionTagEntry* union_tags = nullptr;
    size_t union_tag_count = 0;
    const StaleFieldEntry* stale_fields = nullptr;
    size_t stale_field_count = 0;
    // Functions whose allocations are not what their type says (an array
    // whose unused tail the program carves other objects out of): their
    // objects are treated as of unknown type, so they travel as scanned
    // bytes and keep their address when anything points into them.
    const char* const* untyped_allocations = nullptr;
    size_t untyped_allocation_count = 0;
    const SharedRange* shared_ranges = nullptr;
    size_t shared_range_count = 0;
};

// One stretch of old state that is not typed precisely, as the transfer
// scans it (TransferOptions::note_imprecision): why, the heap object's
// allocation site (empty and 0 for a variable's value), and the imprecise
// value's type. Tests hold these against the limits report the pass wrote
// for the same program: every one must be listed there.
struct ImprecisionNote {
    const char* why;            // "untyped object", "past the last element", "byte buffer",
                                // "union whose active member is unknown", "unknown type",
                                // "declared untyped" (TransferHooks::untyped_allocations)
    const char* site_function;  // the function whose allocation made the object
    const char* allocator;      // the allocator (or wrapper) it called
    uint32_t site_line;         // of that call; 0 if unknown
    const char* type_name;      // the union or unknown-typed value: its type's name, or `Enclosing.field`
                                // when the type has none (in a variable: `.field`); "" for whole
                                // heap objects and tails
};

struct TransferOptions : TransferHooks {
    const AllocatorHookEntry* allocator_hooks = nullptr;
    size_t allocator_hook_count = 0;
    // Hears of every imprecise stretch of the old heap before anything is
    // created, and of variables' as they are converted; strings are valid
    // during the call only. Null: not told.
    void (*note_imprecision)(void* context, const ImprecisionNote& note) = nullptr;
    void* note_context = nullptr;
    bool check_pointers = true;  // verify every pointer of the new state
    bool round_trip = false;     // also transfer new -> old and compare
    // This program's own metadata, loaded beforehand with load_local() (it
    // does not change): a live update loads it before the old version stops,
    // so it costs clients nothing. Null: transfer_state loads it.
    const ProgramModel* own_model = nullptr;
};

struct TransferStats {
    uint64_t globals = 0;          // globals transferred
    uint64_t heap_objects = 0;     // heap objects re-created
    uint64_t copied_strings = 0;   // C strings copied out of old read-only data
    uint64_t bytes = 0;            // old state bytes read (globals + heap)
    uint64_t pointers = 0;         // pointers relocated
    uint64_t scanned_bytes = 0;    // bytes of imprecisely typed state scanned for likely pointers
    uint64_t pinned_objects = 0;   // heap objects re-created at their old address (address-preserving)
    uint64_t pinned_bytes = 0;
    uint64_t kept_likely_pointers = 0;     // likely pointers left as they were: their targets kept their address
    uint64_t remapped_likely_pointers = 0; // likely pointers into code or globals, rewritten by name
    uint64_t dangling_likely_pointers = 0; // likely pointers into freed old heap memory, kept as they were
    uint64_t checked_pointers = 0; // pointers verified by the state check
    uint64_t check_ns = 0;         // time spent in the state check, invariants and round trip
};

// Transfer the state of the program whose RuntimeRoot is at `old_root` in
// `old_image` into this program.
Result<TransferStats> transfer_state(const MemoryReader& old_image, uint64_t old_root, const TransferOptions& options);

}  // namespace libupdate
