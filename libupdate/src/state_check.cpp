// state_check.cpp — the pointer walk behind check_state() (see state_check.h).
//
// Entry points: check_state.
#include <libupdate/heap.h>
#include <libupdate/platform.h>
#include <libupdate/relocation_map.h>
#include <libupdate/state_check.h>

#include "converter.h"

namespace libupdate {

namespace {

constexpr int kMaxDepth = 64;

struct LiveObject {
    uint64_t address;
    uint64_t size;
    TypeId type;     // element type, kNoType if untyped
    uint64_t count;  // whole elements (object_elements); bytes after them are of unknown type
};

class StateChecker {
public:
    StateChecker(const ProgramModel& model, const SharedRange* shared, size_t shared_count)
        : model_(model), shared_(shared), shared_count_(shared_count) {}

    Result<StateCheckStats> run() {
        TRY(collect_heap());
        for (const GlobalRecord& g : model_.globals) {
            if (g.flags & (LU_GLOBAL_CONST | LU_GLOBAL_THREAD_LOCAL)) continue;
            where_ = g.name;
            TRY(walk(g.address, g.type, 0));
        }
        for (const LiveObject& object : objects_) {
            ++stats_.objects;
            if (object.type == kNoType || pointer_free(object.type)) continue;  // nothing to check in it
            TextBuilder where(where_buffer_, sizeof where_buffer_);
            where.add("heap object ").add_hex(object.address).add(" (");
            describe_type(model_, object.type, where);
            where.add(")");
            where_ = where_buffer_;
            uint64_t element = model_.type(object.type).size;
            for (uint64_t i = 0; i < object.count; ++i) TRY(walk(object.address + i * element, object.type, 0));
        }
        return stats_;
    }

private:
    Result<void> collect_heap() {
        Result<void> result{};
        heap_for_each([&](HeapHeader& h) {
            uint32_t site = model_.find_site_by_address(reinterpret_cast<uint64_t>(heap_site(h)));
            if (!objects_.push(live_object(reinterpret_cast<uint64_t>(h.object()), h.size(), site))) {
                result = make_error(neurath::Error::NoMemory, "out of memory in the state check");
                return false;
            }
            return true;
        });
        TRY(result);
        const ExternalObjects& external = external_objects();
        for (uint64_t i = 0; i < external.count; ++i) {
            uint32_t site = model_.find_site_by_address(reinterpret_cast<uint64_t>(external.records[i].site));
            if (!objects_.push(live_object(reinterpret_cast<uint64_t>(external.records[i].object), external.records[i].size, site))) return make_error(neurath::Error::NoMemory, "out of memory in the state check");
        }
        if (!sort_by_key(objects_, [](const LiveObject& o) { return o.address; }))
            return make_error(neurath::Error::NoMemory, "out of memory in the state check");
        return {};
    }

    LiveObject live_object(uint64_t address, uint64_t size, uint32_t site) const {
        if (site == kNoIndex) return LiveObject{address, size, kNoType, 0};
        const uint64_t count = object_elements(model_, ObjectRecord{address, size, site, 0});
        return LiveObject{address, size, count ? model_.sites[site].type : kNoType, count};
    }

    bool pointer_free(TypeId id) {
        if (uint8_t* known = no_pointers_.find(static_cast<uint64_t>(id) + 2)) return *known == 1;
        (void)no_pointers_.insert(static_cast<uint64_t>(id) + 2, 1);  // provisional
        const TypeRecord& t = model_.type(id);
        bool result = true;
        if (is_data_pointer(t.kind) || is_code_pointer(t.kind)) result = false;
        else if (t.kind == LU_KIND_ARRAY) result = t.count == 0 || pointer_free(t.target);
        else if (t.kind == LU_KIND_STRUCT)
            for (uint64_t i = 0; i < t.count && result; ++i) result = pointer_free(model_.field(t, i).type);
        (void)no_pointers_.insert(static_cast<uint64_t>(id) + 2, result ? 1 : 2);
        return result;
    }

    Result<void> walk(uint64_t address, TypeId id, int depth) {
        if (depth > kMaxDepth || pointer_free(id)) return {};
        const TypeRecord& t = model_.type(id);
        if (is_data_pointer(t.kind) || is_code_pointer(t.kind)) {
            uint64_t value = *reinterpret_cast<const uint64_t*>(address);
            return check_pointer(value, t);
        }
        if (t.kind == LU_KIND_ARRAY) {
            uint64_t element = model_.type(t.target).size;
            for (uint64_t i = 0; i < t.count; ++i) TRY(walk(address + i * element, t.target, depth + 1));
        } else if (t.kind == LU_KIND_STRUCT) {
            for (uint64_t i = 0; i < t.count; ++i) {
                const FieldRecord& f = model_.field(t, i);
                if (!f.bit_size) TRY(walk(address + f.offset, f.type, depth + 1));
            }
        }
        return {};  // unions holding pointers are imprecise: not checked
    }

    const LiveObject* object_containing(uint64_t address) const {
        size_t low = 0, high = objects_.size();
        while (low < high) {
            size_t middle = (low + high) / 2;
            if (objects_[middle].address <= address) low = middle + 1;
            else high = middle;
        }
        if (low == 0) return nullptr;
        const LiveObject& o = objects_[low - 1];
        return address <= o.address + o.size ? &o : nullptr;
    }

    Result<void> check_pointer(uint64_t value, const TypeRecord& pointer) {
        if (is_sentinel_pointer(value)) return {};
        ++stats_.pointers;
        if (is_code_pointer(pointer.kind)) {
            if (model_.symbol_containing(value) || platform_is_foreign_code(value)) return {};
            return failure("code pointer", value, "targets no function or vtable");
        }
        TypeId pointee = pointer.target;
        if (const LiveObject* object = object_containing(value)) {
            if (object->type == kNoType) return {};
            uint64_t element = model_.type(object->type).size;
            // A T followed by bytes of unknown type (a common header): what
            // the whole object is, and so what points into it, is not known.
            if (object->size > object->count * element) return {};
            // A byte buffer may hold anything (objects carved out of it).
            if (element == 1 && is_integer_like(model_.type(object->type).kind)) return {};
            uint64_t offset = element ? (value - object->address) % element : 0;
            if (value == object->address + object->size || compatible(pointee, object->type, offset, 0)) return {};
            char problem[160];
            TextBuilder text(problem, sizeof problem);
            text.add("(to ");
            describe_type(model_, pointee, text);
            text.add(") targets a heap object of an incompatible type (");
            describe_type(model_, object->type, text);
            text.add(" +").add_unsigned(value - object->address).add(")");
            return failure("pointer", value, problem);
        }
        if (const GlobalRecord* g = model_.global_containing(value)) {
            if (value - g->address == g->size || compatible(pointee, g->type, value - g->address, 0)) return {};
            return failure("pointer", value, "targets a global of an incompatible type");
        }
        if (model_.symbol_containing(value)) return {};  // data pointer holding a function address
        if (in_shared_range(shared_, shared_count_, value)) return {};  // memory both versions map alike
        if (pointee != kNoType && is_char_type(model_.type(pointee))) {
            ++stats_.unchecked_strings;
            return {};
        }
        return failure("pointer", value, "targets no live object");
    }

    bool accepts_anything(TypeId pointee) const {
        if (pointee == kNoType) return true;
        const TypeRecord& p = model_.type(pointee);
        return p.kind == LU_KIND_VOID || p.kind == LU_KIND_UNKNOWN || is_char_type(p) || (p.flags & LU_TYPE_INCOMPLETE);
    }

    // Does type `target`, at byte `offset`, hold a `pointee`?
    bool compatible(TypeId pointee, TypeId target, uint64_t offset, int depth) const {
        if (accepts_anything(pointee) || depth > kMaxDepth) return true;
        const TypeRecord& p = model_.type(pointee);
        const TypeRecord& t = model_.type(target);
        if (offset == 0 && p.kind == t.kind && StringView(p.name) == StringView(t.name) && p.size == t.size) return true;
        if (offset == 0 && common_initial_sequence(p, t)) return true;
        if (t.kind == LU_KIND_STRUCT) {
            for (uint64_t i = 0; i < t.count; ++i) {
                const FieldRecord& f = model_.field(t, i);
                uint64_t size = model_.type(f.type).size;
                if (offset >= f.offset && offset < f.offset + (size ? size : 1) && compatible(pointee, f.type, offset - f.offset, depth + 1))
                    return true;
            }
        } else if (t.kind == LU_KIND_ARRAY) {
            uint64_t element = model_.type(t.target).size;
            return element && compatible(pointee, t.target, offset % element, depth + 1);
        } else if (t.kind == LU_KIND_UNION) {
            return true;
        }
        return false;
    }

    // C's common initial sequence: a struct whose members all begin the
    // target struct (same names, offsets and types), the way an interpreter's
    // GCObject header begins every collectable object.
    bool common_initial_sequence(const TypeRecord& p, const TypeRecord& t) const {
        if (p.kind != LU_KIND_STRUCT || t.kind != LU_KIND_STRUCT || p.count == 0 || p.count > t.count) return false;
        for (uint64_t i = 0; i < p.count; ++i) {
            const FieldRecord& a = model_.field(p, i);
            const FieldRecord& b = model_.field(t, i);
            if (StringView(a.name) != StringView(b.name) || a.offset != b.offset || a.bit_size != b.bit_size ||
                a.bit_offset != b.bit_offset || model_.type(a.type).kind != model_.type(b.type).kind ||
                model_.type(a.type).size != model_.type(b.type).size)
                return false;
        }
        return true;
    }

    UpdateError failure(const char* what, uint64_t value, const char* problem) const {
        UpdateError error;
        error.code = neurath::Error::BadAddress;
        TextBuilder(error.text, kErrorTextSize)
            .add("state check: ")
            .add(what)
            .add(" ")
            .add_hex(value)
            .add(" in ")
            .add(where_)
            .add(" ")
            .add(problem);
        return error;
    }

    const ProgramModel& model_;
    const SharedRange* shared_;
    size_t shared_count_;
    Vector<LiveObject> objects_;
    HashMap<uint8_t> no_pointers_;
    StateCheckStats stats_;
    const char* where_ = "";
    char where_buffer_[128];
};

}  // namespace

Result<StateCheckStats> check_state(const ProgramModel& model, const SharedRange* shared, size_t shared_count) {
    StateChecker checker(model, shared, shared_count);
    return checker.run();
}

}  // namespace libupdate
