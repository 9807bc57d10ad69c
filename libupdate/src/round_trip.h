// round_trip.h — the round-trip state check (internal): after a transfer
// old -> new, convert the new state back into the old layout (into scratch
// memory) and compare it, bit for bit over the converted bits, with the old
// image. Catches conversions that lose or corrupt data before they matter.
//
// Entry points: CopiedString, round_trip_check().
#pragma once

#include <libupdate/program_model.h>
#include <libupdate/relocation_map.h>
#include <libupdate/transfer.h>

#include "converter.h"

namespace libupdate {

// A C string the transfer copied out of the old version's read-only data.
struct CopiedString {
    uint64_t old_address;
    uint64_t new_address;
    uint64_t size;  // bytes including the terminating NUL
};

// Globals transferred by a variable hook are not compared: the hook changed
// their meaning on purpose. Values of hooked types are converted back by the
// default rules, so a semantic type hook fails the check (by design: use the
// round trip on updates whose conversions are reversible).
Result<void> round_trip_check(const ProgramModel& old_model, const MemoryReader& old_image, const ProgramModel& new_model,
                              const RelocationMap& forward, const Vector<CopiedString>& copied_strings,
                              const TransferOptions& options, const Vector<ForeignCode>& foreign_code);

}  // namespace libupdate
