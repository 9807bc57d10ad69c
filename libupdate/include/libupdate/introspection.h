// introspection.h — walking the running program's state with its types:
// every global and every live heap object (typed-heap and project-allocator
// objects), each with its type and, for heap objects, its allocation site.
// Used by tools and tests; the transfer has its own bulk paths.
//
// Entry points: HeapObjectView, for_each_heap_object(), for_each_global(),
// count_objects_of_type().
#pragma once

#include <libupdate/heap.h>
#include <libupdate/program_model.h>

namespace libupdate {

struct HeapObjectView {
    void* object;
    uint64_t size;
    TypeId type;          // element type (the object holds size / type size of them); kNoType if untyped
    const SiteRecord* site;  // null if the site is not in the model
};

// Visit every live heap object of this program; `model` is its own metadata
// (ProgramModel::load_local). Stops early when `visit` returns false.
template <typename Visitor>
void for_each_heap_object(const ProgramModel& model, Visitor&& visit) {
    auto view_of = [&](void* object, uint64_t size, const lu_alloc_site* site) {
        uint32_t index = model.find_site_by_address(reinterpret_cast<uint64_t>(site));
        const SiteRecord* record = index == kNoIndex ? nullptr : &model.sites[index];
        return HeapObjectView{object, size, record ? record->type : kNoType, record};
    };
    bool going = true;
    heap_for_each([&](HeapHeader& h) { return going = visit(view_of(h.object(), h.size(), heap_site(h))); });
    const ExternalObjects& external = external_objects();
    for (uint64_t i = 0; going && i < external.count; ++i)
        going = visit(view_of(external.records[i].object, external.records[i].size, external.records[i].site));
}

// Visit every global with its type. Stops early when `visit` returns false.
template <typename Visitor>
void for_each_global(const ProgramModel& model, Visitor&& visit) {
    for (const GlobalRecord& g : model.globals)
        if (!visit(g, model.type(g.type))) return;
}

// Live heap objects whose allocated type is named `type_name`.
uint64_t count_objects_of_type(const ProgramModel& model, StringView type_name);

}  // namespace libupdate
