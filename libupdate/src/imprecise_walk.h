// imprecise_walk.h — where a program's state is not typed precisely
// (internal). The converter copies such bytes only after scanning them for
// likely pointers (likely_pointers.cpp); address-preserving transfer plans
// which old objects keep their address from the same bytes
// (address_preserving.cpp); the check after the transfer scans them again in
// the new version. All three must agree on what is imprecise, so the rules
// live here once, mirroring the converter's (convert_values.cpp):
//   * a value of unknown type (no debug type) — all of it;
//   * a union holding a pointer beside other data, with no declared tag
//     (UnionTagEntry) — all of it (a union whose members are all data
//     pointers is relocated as one, a union of plain data is plain data);
//   * a heap object of unknown type, and bytes past an object's last whole
//     element (unless its allocating function is declared to allocate data,
//     LU_SITE_DATA: then they are data) — all of them.
// Not imprecise: bit-fields, integers, char arrays (their contents are
// data; see libupdate/README.md), values of a type with a transfer hook (the
// hook answers for them) and tagged unions.
//
// Entry points: ImpreciseWalker (imprecise, for_each_in_object),
// ImpreciseVisitor, all_bytes_zero, only_data_pointer_members.
#pragma once

#include <libupdate/hash_map.h>
#include <libupdate/program_model.h>
#include <libupdate/transfer.h>

namespace libupdate {

// Called for each imprecise stretch: its bytes (a copy), its address in the
// walked image, its length, why it is imprecise, and what is (a union or a
// value of unknown type: its type's name, or `Enclosing.field` when the type
// has none; "" for a whole untyped object or the bytes past the last element).
struct ImpreciseVisitor {
    Result<void> (*visit)(void* context, const uint8_t* bytes, uint64_t address, uint64_t size, const char* what,
                          const char* subject) = nullptr;
    void* context = nullptr;
};

class ImpreciseWalker {
public:
    ImpreciseWalker(const ProgramModel& model, const TransferOptions& options) : model_(model), options_(options) {}

    // True when a value of `type` has imprecise bytes somewhere (cached).
    bool imprecise(TypeId type);
    // Visit the imprecise stretches of one object: `count` elements of
    // `element` (kNoType: the whole object is untyped) and the tail after
    // them, unless `tail_is_data` (kEntryDataTail).
    Result<void> for_each_in_object(const uint8_t* bytes, uint64_t address, uint64_t size, TypeId element,
                                    uint64_t count, bool tail_is_data, ImpreciseVisitor visitor);

private:
    Result<void> walk_value(const uint8_t* bytes, uint64_t address, TypeId type, ImpreciseVisitor visitor);
    Result<void> walk_struct(const uint8_t* bytes, uint64_t address, const TypeRecord& type, ImpreciseVisitor visitor);
    bool union_is_ambiguous(TypeId type);
    bool contains_pointers(TypeId type);
    bool hooked(const TypeRecord& type) const;
    bool tagged(const TypeRecord& enclosing, const FieldRecord& field) const;
    const char* subject(const TypeRecord& type);

    const ProgramModel& model_;
    const TransferOptions& options_;
    HashMap<uint8_t> imprecise_;  // type + 2 -> 1 imprecise / 2 precise
    HashMap<uint8_t> pointers_;   // type + 2 -> 1 holds pointers / 2 none
    int depth_ = 0;
    const char* enclosing_ = "";  // the struct and field being walked, to name anonymous types
    const char* field_ = "";
    char subject_[160] = {};
};

bool all_bytes_zero(const uint8_t* bytes, uint64_t size);
// A union whose members all are data pointers at offset 0: whichever is
// active, it is an address, and the converter relocates it as one.
bool only_data_pointer_members(const ProgramModel& model, const TypeRecord& type);

}  // namespace libupdate
