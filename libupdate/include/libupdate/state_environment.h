// state_environment.h — the FilterEnvironment that resolves state-filter
// names through a program's metadata: variables are globals (by qualified
// name, or by their last component when only one global has it), `.` and `->`
// follow struct fields, `[]` indexes arrays (bounds-checked) and pointers.
// Works on the running program (reads are validated against live objects
// first, so a bad pointer gives an error instead of a fault) or on an old
// image through its MemoryReader.
//
// Entry points: MetadataEnvironment (constructor, FilterEnvironment methods).
#pragma once

#include <libupdate/filter.h>
#include <libupdate/program_model.h>

namespace libupdate {

class MetadataEnvironment final : public FilterEnvironment {
public:
    // `local`: the model describes the calling program and `reader` reads it.
    MetadataEnvironment(const ProgramModel& model, const MemoryReader& reader, bool local)
        : model_(model), reader_(reader), local_(local) {}

    Result<FilterValue> variable(StringView name) override;
    Result<FilterValue> field(const FilterValue& object, StringView field_name) override;
    Result<FilterValue> element(const FilterValue& array_or_pointer, int64_t index) override;
    Result<FilterValue> dereference(const FilterValue& pointer) override;
    Result<bool> string_equals(const FilterValue& value, StringView text) override;

private:
    Result<FilterValue> value_at(uint64_t address, TypeId type);
    Result<const GlobalRecord*> unqualified_global(StringView name);
    Result<void> read(uint64_t address, void* out, size_t size);

    const ProgramModel& model_;
    const MemoryReader& reader_;
    bool local_;
};

}  // namespace libupdate
