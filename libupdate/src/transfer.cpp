// transfer.cpp — the state-transfer transaction: load both models, match
// globals and heap objects, create the new objects, convert everything,
// check, and either keep the result or undo every change.
//
// Entry points: transfer_state.
#include <libupdate/heap.h>
#include <libupdate/state_check.h>

#include "address_preserving.h"
#include "converter.h"
#include "pinned_heap.h"
#include "round_trip.h"

namespace libupdate {

namespace {

constexpr size_t kMaxCopiedString = 1 << 16;

// The type of objects transferred untyped although their site has a type.
const lu_type kUntypedType = {"", "", 0, LU_KIND_UNKNOWN, 0, 1, 0, nullptr, 0, nullptr, nullptr};
// The one type of C strings copied out of the old version's read-only data.
const lu_type kCopiedCharType = {"char", "", 1, LU_KIND_INTEGER, LU_TYPE_CHAR | LU_TYPE_SIGNED, 1, 0, nullptr, 0, nullptr, nullptr};
const lu_alloc_site kCopiedStringSite = {0x4c55434f50595354ull, "libupdate::copied_string", "", 0, LU_ALLOC_STRDUP,
                                         &kCopiedCharType, "transfer", LU_SITE_ARRAY, 0};

struct SavedGlobal {
    uint64_t address;
    uint64_t size;
    uint8_t* bytes;
};

struct CreatedObject {
    void* object;
    const AllocatorHookEntry* allocator;  // null: the runtime's own heap
};

class TransferSession {
public:
    TransferSession(const MemoryReader& reader, uint64_t root, const TransferOptions& options)
        : reader_(reader), root_(root), options_(options), new_(options.own_model ? *options.own_model : own_model_) {}
    ~TransferSession() {
        for (SavedGlobal& saved : saved_) platform_release(saved.bytes);
        platform_release(buffer_);
    }

    Result<TransferStats> run() {
        Result<void> result = transfer();
        if (!result.ok()) {
            roll_back();
            return result.error();
        }
        synthetic_sites_.clear();  // now referenced by the new objects' headers: kept for good
        return stats_;
    }

private:
    Result<void> transfer() {
        TRY(old_.load(reader_, root_, true));
        if (!options_.own_model) TRY(own_model_.load_local());
        TRY(plan_globals());
        TRY(pins_.build(old_, reader_, options_));
        TRY(create_objects());
        TRY(map_.seal());
        TRY(save_globals());
        Converter converter(old_, reader_, new_, map_, options_);
        converter.set_string_copier(StringCopier{copy_string_thunk, this});
        TRY(convert_globals(converter));
        TRY(convert_objects(converter));
        stats_.pointers = converter.stats().pointers;
        stats_.scanned_bytes = converter.stats().scanned_bytes;
        stats_.kept_likely_pointers = converter.stats().kept_likely_pointers;
        stats_.remapped_likely_pointers = converter.stats().remapped_likely_pointers;
        stats_.dangling_likely_pointers = converter.stats().dangling_likely_pointers;
        const uint64_t check_started = platform_clock_ns();
        if (options_.check_pointers) {
            stats_.checked_pointers = TRY(check_state(new_, options_.shared_ranges, options_.shared_range_count)).pointers;
            stats_.checked_pointers += TRY(verify_imprecise_words(old_, new_, map_, options_));
        }
        TRY(run_invariants());
        if (options_.round_trip) TRY(round_trip_check(old_, reader_, new_, map_, copied_strings_, options_, converter.foreign_code()));
        stats_.check_ns = platform_clock_ns() - check_started;
        return {};
    }

    static UpdateError no_memory() { return make_error(neurath::Error::NoMemory, "out of memory during state transfer"); }

    const GlobalRecord* old_global_for(const GlobalRecord& g) const {
        uint32_t match = old_match_[static_cast<size_t>(&g - new_.globals.begin())];
        return match == kNoIndex ? nullptr : &old_.globals[match];
    }

    // The `occurrence`-th old global named `name` (several function-local
    // statics of one function can share a name; they pair up in order).
    uint32_t old_global_named(StringView name, uint32_t occurrence) const {
        if (occurrence == 0) {
            const GlobalRecord* first = old_.find_global(name);
            return first ? static_cast<uint32_t>(first - old_.globals.begin()) : kNoIndex;
        }
        for (uint32_t i = 0; i < old_.globals.size(); ++i)
            if (StringView(old_.globals[i].name) == name && occurrence-- == 0) return i;
        return kNoIndex;
    }

    // Globals by name (or lu.renamed_from), repeated names by occurrence.
    Result<void> match_globals() {
        HashMap<uint32_t> seen;
        if (!old_match_.resize(new_.globals.size())) return no_memory();
        for (uint32_t i = 0; i < new_.globals.size(); ++i) {
            const GlobalRecord& g = new_.globals[i];
            uint64_t key = hash_name(g.name);
            uint32_t* count = seen.find(key);
            uint32_t occurrence = count ? *count : 0;
            if (!seen.insert(key, occurrence + 1)) return no_memory();
            uint32_t match = old_global_named(g.name, occurrence);
            if (match == kNoIndex && g.renamed_from[0]) match = old_global_named(g.renamed_from, occurrence);
            old_match_[i] = match;
        }
        return {};
    }

    const VariableHookEntry* variable_hook(const GlobalRecord& g) const {
        for (size_t i = 0; i < options_.variable_hook_count; ++i)
            if (StringView(options_.variable_hooks[i].variable_name) == StringView(g.name)) return &options_.variable_hooks[i];
        return nullptr;
    }

    // Every old global the new version still has gets an entry, constants
    // too: pointers into them must be relocated even though they are not copied.
    Result<void> plan_globals() {
        TRY(match_globals());
        for (uint32_t i = 0; i < new_.globals.size(); ++i) {
            const GlobalRecord& g = new_.globals[i];
            const GlobalRecord* old = old_global_for(g);
            if (!old) continue;
            RelocationEntry entry{old->address, old->size, g.address, g.size, old->type, g.type, 1, i, RelocationKind::Global};
            if (!map_.add(entry)) return no_memory();
        }
        return {};
    }

    uint32_t new_site_for(const SiteRecord& old_site) const {
        const TypeRecord& old_type = old_.type(old_site.type);
        uint32_t same_id = new_.find_site_by_id(old_site.id);
        if (same_id != kNoIndex && names_match(old_type.name, new_.type(new_.sites[same_id].type))) return same_id;
        for (uint32_t i = 0; i < new_.sites.size(); ++i)
            if (old_type.name[0] && new_.type(new_.sites[i].type).kind == old_type.kind &&
                names_match(old_type.name, new_.type(new_.sites[i].type)))
                return i;
        return kNoIndex;
    }

    TypeId new_type_named(const TypeRecord& old_type) const {
        TypeId found = new_.find_type_by_name(old_type.name, old_type.kind);
        for (TypeId i = 0; found == kNoType && i < new_.types.size(); ++i)
            if (new_.types[i].kind == old_type.kind && old_type.name[0] && StringView(new_.types[i].renamed_from) == StringView(old_type.name))
                found = i;
        return found;
    }

    // The same for an object typed by its site but transferred untyped
    // (TransferHooks::untyped_allocations): the new version's checks must
    // not read it by that type either.
    Result<const lu_alloc_site*> untyped_site(const SiteRecord& old_site) {
        const lu_alloc_site* site = TRY(synthetic_site(old_site, kNoType));
        const_cast<lu_alloc_site*>(site)->type = &kUntypedType;
        return site;
    }

    // A site record for objects whose allocation site the new version lacks.
    Result<const lu_alloc_site*> synthetic_site(const SiteRecord& old_site, TypeId new_type) {
        auto* site = static_cast<lu_alloc_site*>(platform_allocate(sizeof(lu_alloc_site)));
        if (!site || !synthetic_sites_.push(site)) {
            platform_release(site);
            return no_memory();
        }
        const lu_type* type = new_type == kNoType ? &kUntypedType : reinterpret_cast<const lu_type*>(new_.type(new_type).address);
        *site = lu_alloc_site{old_site.id, "libupdate::transferred", "", 0, old_site.allocator, type, "transfer", old_site.flags, 0};
        return site;
    }

    Result<void> create_objects() {
        for (uint32_t i = 0; i < old_.objects.size(); ++i) TRY(create_object(i));
        return {};
    }

    Result<void> create_object(uint32_t index) {
        const ObjectRecord& object = old_.objects[index];
        const SiteRecord& old_site = old_.sites[object.site];
        const TypeRecord& old_type = old_.type(old_site.type);
        RelocationEntry entry{object.address, object.size, 0, object.size, old_site.type, kNoType, 0, index, RelocationKind::HeapObject};
        const lu_alloc_site* site = nullptr;
        const uint64_t count = transfer_elements(old_, object, options_);
        if (count == 0) {
            entry.source_type = kNoType;  // untyped: copied byte for byte (scanned)
            uint32_t same_id = new_.find_site_by_id(old_site.id);
            if (same_id == kNoIndex) return object_error(object, "untyped heap object whose allocation site the new version lacks");
            site = reinterpret_cast<const lu_alloc_site*>(new_.sites[same_id].address);
            if (old_type.kind != LU_KIND_UNKNOWN && old_type.size != 0) site = TRY(untyped_site(old_site));
        } else {
            uint32_t new_site = new_site_for(old_site);
            entry.destination_type = new_site != kNoIndex ? new_.sites[new_site].type : new_type_named(old_type);
            if (entry.destination_type == kNoType)
                return object_error(object, "heap object type no longer exists in the new version; needs a transfer hook");
            site = new_site != kNoIndex ? reinterpret_cast<const lu_alloc_site*>(new_.sites[new_site].address)
                                        : TRY(synthetic_site(old_site, entry.destination_type));
            entry.count = count;
            if (scanned_byte_buffer(old_, object, options_)) entry.flags |= kEntryScannedBytes;
            if (tail_is_data(old_, object)) entry.flags |= kEntryDataTail;
            entry.destination_size = entry.count * new_.type(entry.destination_type).size + (object.size - entry.count * old_type.size);
        }
        void* created = pins_.pinned(index) ? TRY(place_pinned(object, entry, site))
                                            : TRY(allocate(entry.destination_size, site, old_site, object.how));
        entry.destination = reinterpret_cast<uint64_t>(created);
        if (!map_.add(entry)) return no_memory();
        stats_.bytes += object.size;
        ++stats_.heap_objects;
        return {};
    }

    Result<void*> allocate(uint64_t size, const lu_alloc_site* site, const SiteRecord& old_site, uint32_t how) {
        const AllocatorHookEntry* allocator = nullptr;
        void* object = nullptr;
        if (old_site.allocator == LU_ALLOC_CUSTOM) {
            for (size_t i = 0; i < options_.allocator_hook_count && !allocator; ++i)
                if (StringView(options_.allocator_hooks[i].allocator_name) == StringView(old_site.allocator_name))
                    allocator = &options_.allocator_hooks[i];
            if (!allocator)
                return make_error(neurath::Error::NotSupported, "objects of project allocator '", old_site.allocator_name,
                                  "' need an allocator hook to be re-created");
            object = allocator->allocate(size, site, allocator->user);
            if (object) __lu_heap_register(object, size, site);
        } else {
            object = __lu_alloc(size, site, (how & 0xff) | LU_ALLOC_NOTHROW_BIT);
        }
        if (!object) return no_memory();
        platform_fill(object, 0, size);
        if (!created_.push(CreatedObject{object, allocator})) {
            release(CreatedObject{object, allocator});
            return no_memory();
        }
        return object;
    }

    // Address-preserving: the object is re-created where it was, with the same layout.
    Result<void*> place_pinned(const ObjectRecord& object, RelocationEntry& entry, const lu_alloc_site* site) {
        if (old_.sites[object.site].allocator == LU_ALLOC_CUSTOM)
            return object_error(object, "must keep its address (imprecise state points to it), which a project allocator cannot do");
        if (entry.destination_type != kNoType &&
            !layouts_match(old_, entry.source_type, new_, entry.destination_type, layouts_))
            return object_error(object, "must keep its address (imprecise state points to it) but its type changed layout; "
                                        "declare the union's tag or type what points to it");
        entry.destination_size = object.size;
        Result<void*> placed = pinned_place(object.address, object.size, site);
        if (!placed.ok()) {
            UpdateError error = object_error(object, "must keep its address (imprecise state points to it), but ");
            TextBuilder(error.text + c_string_length(error.text), kErrorTextSize - c_string_length(error.text)).add(placed.error().text);
            error.code = placed.error().code;
            return error;
        }
        if (!created_.push(CreatedObject{placed.value(), nullptr})) {
            __lu_free(placed.value(), LU_ALLOC_MALLOC);
            return no_memory();
        }
        ++stats_.pinned_objects;
        stats_.pinned_bytes += object.size;
        return placed.value();
    }

    UpdateError object_error(const ObjectRecord& object, const char* what) const {
        UpdateError error;
        error.code = neurath::Error::NotSupported;
        TextBuilder text(error.text, kErrorTextSize);
        text.add("heap object ").add_hex(object.address).add(" allocated in ").add(old_.sites[object.site].function).add(" (");
        describe_type(old_, old_.sites[object.site].type, text);
        text.add("): ").add(what);
        return error;
    }

    bool transferable(const GlobalRecord& g) const {
        return !(g.flags & (LU_GLOBAL_CONST | LU_GLOBAL_NO_TRANSFER));
    }

    // Keep the new version's initial globals so a failure can restore them.
    Result<void> save_globals() {
        for (const GlobalRecord& g : new_.globals) {
            if (!transferable(g) || (!old_global_for(g) && !variable_hook(g))) continue;
            auto* bytes = static_cast<uint8_t*>(platform_allocate(g.size));
            if (!bytes || !saved_.push(SavedGlobal{g.address, g.size, bytes})) {
                platform_release(bytes);
                return no_memory();
            }
            platform_copy(bytes, reinterpret_cast<const void*>(g.address), g.size);
        }
        return {};
    }

    Result<uint8_t*> read_old(uint64_t address, uint64_t size) {
        auto* bytes = static_cast<uint8_t*>(platform_allocate(size));
        if (!bytes) return no_memory();
        Result<void> read = reader_(address, bytes, size);
        if (!read.ok()) {
            platform_release(bytes);
            return read.error();
        }
        return bytes;
    }

    // Prefix a failed read with what was being read.
    static Result<uint8_t*> in_context(Result<uint8_t*> result, const char* what) {
        if (result.ok()) return result;
        return make_error(result.error().code, what, ": ", result.error().text);
    }

    // Old bytes in one buffer reused across objects (grown as needed).
    Result<uint8_t*> read_old_reusing(uint64_t address, uint64_t size) {
        if (size > buffer_size_) {
            platform_release(buffer_);
            buffer_size_ = size > 4096 ? size : 4096;
            buffer_ = static_cast<uint8_t*>(platform_allocate(buffer_size_));
            if (!buffer_) {
                buffer_size_ = 0;
                return no_memory();
            }
        }
        TRY(reader_(address, buffer_, size));
        return buffer_;
    }

    Result<void> convert_globals(Converter& converter) {
        for (uint32_t i = 0; i < new_.globals.size(); ++i) {
            const GlobalRecord& g = new_.globals[i];
            if (!transferable(g)) continue;
            const GlobalRecord* old = old_global_for(g);
            const VariableHookEntry* hook = variable_hook(g);
            if (!old && !hook) continue;
            char root[160];
            TextBuilder(root, sizeof root).add("variable '").add(g.name).add("'");
            converter.set_root(root);
            uint8_t* bytes = old ? TRY(in_context(read_old(old->address, old->size), root)) : nullptr;
            Result<void> result = convert_global(converter, g, old, hook, bytes);
            platform_release(bytes);
            TRY(result);
            ++stats_.globals;
            if (old) stats_.bytes += old->size;
        }
        return {};
    }

    Result<void> convert_global(Converter& converter, const GlobalRecord& g, const GlobalRecord* old,
                                const VariableHookEntry* hook, const uint8_t* bytes) {
        auto* destination = reinterpret_cast<uint8_t*>(g.address);
        if (hook) {
            TransferContext context(converter);
            OldValue value{bytes, old ? old->address : 0, old ? old->type : kNoType};
            return hook->hook(context, old ? &value : nullptr, destination, g.type, hook->user);
        }
        return converter.convert(bytes, old->address, old->type, destination, g.type);
    }

    Result<void> convert_objects(Converter& converter) {
        for (size_t i = 0; i < map_.size(); ++i) {
            const RelocationEntry& entry = map_[i];
            if (entry.kind != RelocationKind::HeapObject) continue;
            const ObjectRecord& object = old_.objects[entry.index];
            converter.set_root_object(&object);
            uint8_t* bytes = TRY(in_context(read_old_reusing(object.address, object.size), "a heap object"));
            TRY(converter.convert_object(bytes, entry, reinterpret_cast<uint8_t*>(entry.destination)));
        }
        return {};
    }

    static Result<uint64_t> copy_string_thunk(void* context, uint64_t address) {
        return static_cast<TransferSession*>(context)->copy_string(address);
    }

    Result<uint64_t> copy_string(uint64_t address) {
        if (uint64_t* known = string_copies_.find(address)) return *known;
        char* buffer = static_cast<char*>(platform_allocate(kMaxCopiedString));
        if (!buffer) return no_memory();
        Result<void> read = read_c_string(reader_, address, buffer, kMaxCopiedString);
        if (!read.ok()) {
            platform_release(buffer);
            return make_error(neurath::Error::BadAddress, "a char pointer targets no object and no readable string: ", read.error().text);
        }
        size_t length = c_string_length(buffer);
        char* copy = static_cast<char*>(__lu_alloc(length + 1, &kCopiedStringSite, LU_ALLOC_STRDUP | LU_ALLOC_NOTHROW_BIT));
        if (copy) platform_copy(copy, buffer, length + 1);
        platform_release(buffer);
        if (!copy) return no_memory();
        if (!created_.push(CreatedObject{copy, nullptr})) {
            __lu_free(copy, LU_ALLOC_STRDUP);
            return no_memory();
        }
        uint64_t result = reinterpret_cast<uint64_t>(copy);
        CopiedString record{address, result, length + 1};
        if (!string_copies_.insert(address, result) || !copied_strings_.push(record)) return no_memory();
        ++stats_.copied_strings;
        return result;
    }

    Result<void> run_invariants() {
        for (size_t i = 0; i < options_.invariant_count; ++i) {
            const InvariantEntry& invariant = options_.invariants[i];
            if (!invariant.check(invariant.user))
                return make_error(neurath::Error::InvalidArgument, "state check: invariant '", invariant.name,
                                  "' does not hold after transfer");
        }
        return {};
    }

    void release(const CreatedObject& created) {
        if (created.allocator) {
            __lu_heap_unregister(created.object);
            if (created.allocator->release) created.allocator->release(created.object, created.allocator->user);
        } else {
            __lu_free(created.object, LU_ALLOC_MALLOC);
        }
    }

    // All-or-nothing: put back every global and free every object we made.
    void roll_back() {
        for (const SavedGlobal& saved : saved_)
            platform_copy(reinterpret_cast<void*>(saved.address), saved.bytes, saved.size);
        for (const CreatedObject& created : created_) release(created);
        created_.clear();
        for (lu_alloc_site* site : synthetic_sites_) platform_release(site);
        synthetic_sites_.clear();
    }

    const MemoryReader& reader_;
    uint64_t root_;
    const TransferOptions& options_;
    ProgramModel old_;
    ProgramModel own_model_;    // this program's metadata, unless the caller loaded it already
    const ProgramModel& new_;
    RelocationMap map_;
    PinPlan pins_;
    HashMap<uint8_t> layouts_;    // type pairs whose layouts match (pinned objects)
    Vector<uint32_t> old_match_;  // per new global: index of its old global, or kNoIndex
    Vector<SavedGlobal> saved_;
    Vector<CreatedObject> created_;
    Vector<lu_alloc_site*> synthetic_sites_;
    HashMap<uint64_t> string_copies_;
    Vector<CopiedString> copied_strings_;
    TransferStats stats_;
    uint8_t* buffer_ = nullptr;
    uint64_t buffer_size_ = 0;
};

}  // namespace

Result<TransferStats> transfer_state(const MemoryReader& old_image, uint64_t old_root, const TransferOptions& options) {
    TransferSession session(old_image, old_root, options);
    return session.run();
}

}  // namespace libupdate
