// state_check.h — verifies a program's state through its metadata: every
// pointer in every global and live heap object must be null or target a
// live object (or a function, for code pointers) of a compatible type.
// Run by transfer_state() before an update commits; usable on its own as a
// debugging aid.
//
// Compatible: the pointee type names the type found at the target offset
// (descending through fields and array elements, so a pointer to a struct's
// first member is fine), or the pointee is void, char or unknown. Char
// pointers outside every object (string literals) are counted, not failed.
//
// Pointers into a shared range (shared_range.h: memory both versions map
// alike, such as a driver's DMA memory) are accepted as they are.
//
// Entry points: StateCheckStats, check_state().
#pragma once

#include <libupdate/program_model.h>
#include <libupdate/shared_range.h>

namespace libupdate {

struct StateCheckStats {
    uint64_t pointers = 0;           // pointers verified
    uint64_t unchecked_strings = 0;  // char pointers into memory no metadata describes
    uint64_t objects = 0;            // heap objects walked
};

// Check the calling program's state; `model` is its own loaded metadata.
Result<StateCheckStats> check_state(const ProgramModel& model, const SharedRange* shared = nullptr,
                                    size_t shared_count = 0);

}  // namespace libupdate
