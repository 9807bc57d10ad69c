// introspection.cpp — out-of-line helpers of introspection.h.
//
// Entry points: count_objects_of_type.
#include <libupdate/introspection.h>

namespace libupdate {

uint64_t count_objects_of_type(const ProgramModel& model, StringView type_name) {
    uint64_t count = 0;
    for_each_heap_object(model, [&](const HeapObjectView& view) {
        if (view.type != kNoType && StringView(model.type(view.type).name) == type_name) ++count;
        return true;
    });
    return count;
}

}  // namespace libupdate
