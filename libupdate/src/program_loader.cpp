// program_loader.cpp — reads metadata modules and heap objects out of a
// program image into a ProgramModel, validating every record: a corrupted
// image gives a clear error, never a wild read in the reading process.
//
// Entry points: ProgramModel::load, ProgramModel::load_local.
#include <libupdate/program_model.h>
#include <libupdate/runtime_root.h>
#include <libupdate/sort.h>

namespace libupdate {

namespace {

constexpr size_t kMaxName = 1024;
constexpr uint64_t kMaxTableEntries = 1u << 24;
constexpr uint64_t kMaxHeapObjects = 1ull << 32;

UpdateError corrupt(const char* what, const char* detail = nullptr) {
    return make_error(neurath::Error::BadExecutable, "corrupted metadata in program image: ", what,
                      detail ? ": " : nullptr, detail);
}

UpdateError no_memory() { return make_error(neurath::Error::NoMemory, "out of memory while loading metadata"); }

struct ModuleTypes {
    uint64_t address;  // of the module's lu_type array
    uint64_t count;
    TypeId base;       // index of its first type in the model
};

}  // namespace

class ModelLoader {
public:
    ModelLoader(ProgramModel& model, const MemoryReader& reader) : model_(model), reader_(reader) {}

    Result<void> load(uint64_t root_address, bool with_heap) {
        RuntimeRoot root = TRY(read_value<RuntimeRoot>(reader_, root_address));
        if (root.magic != kRuntimeRootMagic || root.version != kRuntimeRootVersion)
            return corrupt("runtime root has a bad magic number or version");
        uint64_t begin = reinterpret_cast<uint64_t>(root.modules_begin);
        uint64_t end = reinterpret_cast<uint64_t>(root.modules_end);
        if (end < begin || (end - begin) % sizeof(void*) != 0) return corrupt("module list bounds");
        for (uint64_t at = begin; at < end; at += sizeof(void*)) {
            uint64_t module_address = TRY(read_value<uint64_t>(reader_, at));
            TRY(load_module(module_address));
        }
        TRY(resolve_type_references());
        TRY(merge_repeated_definitions());
        TRY(build_indexes());
        if (with_heap) {
            TRY(load_heap(reinterpret_cast<uint64_t>(root.heap)));
            if (root.external) TRY(load_external(reinterpret_cast<uint64_t>(root.external)));
        }
        return {};
    }

private:
    Result<const char*> string_at(const char* address) {
        if (!address) return "";
        char buffer[kMaxName];
        TRY(read_c_string(reader_, reinterpret_cast<uint64_t>(address), buffer, sizeof buffer));
        const char* stored = model_.strings_.store(buffer, c_string_length(buffer));
        if (!stored) return no_memory();
        return stored;
    }

    template <typename T>
    Result<T*> read_table(const void* address, uint64_t count) {
        if (count > kMaxTableEntries) return corrupt("table too large");
        if (count == 0) return static_cast<T*>(nullptr);
        if (!address) return corrupt("null table with entries");
        auto* table = static_cast<T*>(platform_allocate(count * sizeof(T)));
        if (!table) return no_memory();
        Result<void> read = reader_(reinterpret_cast<uint64_t>(address), table, count * sizeof(T));
        if (!read.ok()) {
            platform_release(table);
            return read.error();
        }
        model_.metadata_bytes += count * sizeof(T);
        return table;
    }

    // Reads an old-image table, hands it to `use`, and releases it whatever
    // `use` returns.
    template <typename T, typename Use>
    Result<void> with_table(const void* address, uint64_t count, Use use) {
        T* table = TRY(read_table<T>(address, count));
        Result<void> result = use(static_cast<const T*>(table));
        platform_release(table);
        return result;
    }

    // Temporarily holds a raw type reference (image address) in `target`/field type
    // until every module's type table is known.
    Result<void> load_module(uint64_t module_address) {
        lu_module module = TRY(read_value<lu_module>(reader_, module_address));
        if (module.magic != LU_METADATA_MAGIC) return corrupt("module magic");
        if (module.version != LU_METADATA_VERSION) return corrupt("unsupported metadata version");
        model_.metadata_bytes += sizeof(lu_module);
        ModuleTypes range{reinterpret_cast<uint64_t>(module.types), module.type_count,
                          static_cast<TypeId>(model_.types.size())};
        if (!modules_.push(range)) return no_memory();
        TRY(load_types(module));
        TRY(load_globals(module));
        TRY(load_symbols(module));
        TRY(load_sites(module));
        return {};
    }

    Result<void> load_types(const lu_module& module) {
        return with_table<lu_type>(module.types, module.type_count,
                                   [&](const lu_type* table) { return copy_types(table, module.type_count); });
    }

    Result<void> copy_types(const lu_type* table, uint64_t count) {
        for (uint64_t i = 0; i < count; ++i) {
            const lu_type& t = table[i];
            TypeRecord record{};
            record.name = TRY(string_at(t.name));
            record.renamed_from = TRY(string_at(t.renamed_from));
            record.size = t.size;
            record.kind = t.kind;
            record.flags = t.flags;
            record.align = t.align;
            record.count = t.count;
            record.address = reinterpret_cast<uint64_t>(module_types_address()) + i * sizeof(lu_type);
            record.target = raw_reference(t.target);
            record.first_field = static_cast<uint32_t>(model_.fields.size());
            record.first_enumerator = static_cast<uint32_t>(model_.enumerators.size());
            if (t.kind == LU_KIND_STRUCT || t.kind == LU_KIND_UNION) TRY(load_fields(t));
            else if (t.kind == LU_KIND_ENUM) TRY(load_enumerators(t));
            if (!model_.types.push(record)) return no_memory();
        }
        return {};
    }

    const void* module_types_address() const { return reinterpret_cast<const void*>(modules_.back().address); }

    Result<void> load_fields(const lu_type& t) {
        return with_table<lu_field>(t.fields, t.count,
                                    [&](const lu_field* table) { return copy_fields(table, t.count); });
    }

    Result<void> copy_fields(const lu_field* table, uint64_t count) {
        for (uint64_t i = 0; i < count; ++i) {
            const lu_field& f = table[i];
            FieldRecord record{};
            Result<const char*> name = string_at(f.name);
            Result<const char*> renamed = string_at(f.renamed_from);
            Result<const char*> fallback = string_at(f.default_value);
            if (!name.ok() || !renamed.ok() || !fallback.ok()) return corrupt("field name unreadable");
            record.name = name.value();
            record.renamed_from = renamed.value();
            record.default_value = fallback.value();
            record.type = raw_reference(f.type);
            record.offset = f.offset;
            record.bit_offset = f.bit_offset;
            record.bit_size = f.bit_size;
            record.flags = f.flags;
            if (!model_.fields.push(record)) return no_memory();
        }
        return {};
    }

    Result<void> load_enumerators(const lu_type& t) {
        return with_table<lu_enumerator>(t.enumerators, t.count, [&](const lu_enumerator* table) -> Result<void> {
            for (uint64_t i = 0; i < t.count; ++i) {
                const char* name = TRY(string_at(table[i].name));
                if (!model_.enumerators.push(EnumeratorRecord{name, table[i].value})) return no_memory();
            }
            return {};
        });
    }

    Result<void> load_globals(const lu_module& module) {
        return with_table<lu_global>(module.globals, module.global_count,
                                     [&](const lu_global* table) { return copy_globals(table, module.global_count); });
    }

    Result<void> copy_globals(const lu_global* table, uint64_t count) {
        for (uint64_t i = 0; i < count; ++i) {
            const lu_global& g = table[i];
            GlobalRecord record{};
            record.name = TRY(string_at(g.name));
            record.symbol = TRY(string_at(g.symbol));
            record.renamed_from = TRY(string_at(g.renamed_from));
            record.address = reinterpret_cast<uint64_t>(g.address);
            record.size = g.size;
            record.type = raw_reference(g.type);
            record.flags = g.flags;
            if (!model_.globals.push(record)) return no_memory();
        }
        return {};
    }

    Result<void> load_symbols(const lu_module& module) {
        return with_table<lu_symbol>(module.symbols, module.symbol_count,
                                     [&](const lu_symbol* table) { return copy_symbols(table, module.symbol_count); });
    }

    Result<void> copy_symbols(const lu_symbol* table, uint64_t count) {
        for (uint64_t i = 0; i < count; ++i) {
            SymbolRecord record{};
            record.name = TRY(string_at(table[i].name));
            record.address = reinterpret_cast<uint64_t>(table[i].address);
            record.size = table[i].size;
            record.kind = table[i].kind;
            record.flags = table[i].flags;
            if (!model_.symbols.push(record)) return no_memory();
        }
        return {};
    }

    Result<void> load_sites(const lu_module& module) {
        const uint64_t base = reinterpret_cast<uint64_t>(module.alloc_sites);
        return with_table<lu_alloc_site>(module.alloc_sites, module.alloc_site_count,
                                         [&](const lu_alloc_site* table) -> Result<void> {
                                             for (uint64_t i = 0; i < module.alloc_site_count; ++i)
                                                 TRY(add_site(table[i], base + i * sizeof(lu_alloc_site)));
                                             return {};
                                         });
    }

    Result<void> add_site(const lu_alloc_site& s, uint64_t address) {
        SiteRecord record{};
        record.id = s.id;
        record.function = TRY(string_at(s.function));
        record.allocator_name = TRY(string_at(s.allocator_name));
        record.type = raw_reference(s.type);
        record.allocator = s.allocator;
        record.flags = s.flags;
        record.line = s.line;
        record.address = address;
        if (!model_.sites.push(record)) return no_memory();
        return {};
    }

    // Image addresses are parked in TypeId slots as indices into raw_refs_.
    TypeId raw_reference(const lu_type* address) {
        if (!address) return kNoType;
        if (!raw_refs_.push(reinterpret_cast<uint64_t>(address))) return kNoType - 1;
        return static_cast<TypeId>(raw_refs_.size() - 1);
    }

    Result<TypeId> resolve(TypeId raw) {
        if (raw == kNoType) return kNoType;
        if (raw == kNoType - 1) return no_memory();
        uint64_t address = raw_refs_[raw];
        for (const ModuleTypes& m : modules_) {
            if (address < m.address || address >= m.address + m.count * sizeof(lu_type)) continue;
            if ((address - m.address) % sizeof(lu_type) != 0) return corrupt("misaligned type reference");
            return static_cast<TypeId>(m.base + (address - m.address) / sizeof(lu_type));
        }
        return standalone_type(address);
    }

    // Scalar types the runtime itself defines (e.g. for copied strings) live
    // outside every module's table.
    Result<TypeId> standalone_type(uint64_t address) {
        if (TypeId* known = standalone_.find(address)) return *known;
        lu_type t = TRY(read_value<lu_type>(reader_, address));
        bool scalar = t.kind == LU_KIND_INTEGER || t.kind == LU_KIND_FLOAT || t.kind == LU_KIND_VOID || t.kind == LU_KIND_UNKNOWN;
        if (!scalar || t.target || t.fields || t.enumerators) return corrupt("type reference outside every type table");
        TypeRecord record{};
        record.name = TRY(string_at(t.name));
        record.renamed_from = TRY(string_at(t.renamed_from));
        record.size = t.size;
        record.kind = t.kind;
        record.flags = t.flags;
        record.align = t.align;
        record.target = kNoType;
        record.address = address;
        TypeId id = static_cast<TypeId>(model_.types.size());
        if (!model_.types.push(record) || !standalone_.insert(address, id)) return no_memory();
        return id;
    }

    Result<void> resolve_type_references() {
        for (size_t i = 0, n = model_.types.size(); i < n; ++i) {  // resolve() may append types
            TypeId target = TRY(resolve(model_.types[i].target));
            model_.types[i].target = target;
        }
        for (FieldRecord& f : model_.fields) f.type = TRY(resolve(f.type));
        for (GlobalRecord& g : model_.globals) g.type = TRY(resolve(g.type));
        for (SiteRecord& s : model_.sites) s.type = TRY(resolve(s.type));
        for (const TypeRecord& t : model_.types) TRY(check_type(t));
        return {};
    }

    Result<void> check_type(const TypeRecord& t) {
        bool needs_target = t.kind == LU_KIND_POINTER || t.kind == LU_KIND_ARRAY || t.kind == LU_KIND_ENUM ||
                            t.kind == LU_KIND_C_STRING;
        if (needs_target && t.target == kNoType) return corrupt("type without its target type", t.name);
        if (t.kind == LU_KIND_ARRAY) {
            uint64_t element = model_.type(t.target).size;
            if (element && t.count > t.size / element) return corrupt("array larger than its size", t.name);
        }
        for (uint64_t i = 0; (t.kind == LU_KIND_STRUCT || t.kind == LU_KIND_UNION) && i < t.count; ++i) {
            const FieldRecord& f = model_.field(t, i);
            if (f.type == kNoType) return corrupt("field without a type", f.name);
            if (f.offset + model_.type(f.type).size > t.size && f.bit_size == 0 && !(model_.type(f.type).flags & LU_TYPE_FLEXIBLE))
                return corrupt("field outside its struct", f.name);
        }
        return {};
    }

    // A C++ inline variable or template static member is defined in every
    // translation unit that uses it, so several modules describe it; the
    // linker kept one. Same symbol, address and size: one global (the first).
    Result<void> merge_repeated_definitions() {
        Vector<uint32_t> by_address;
        if (!by_address.resize(model_.globals.size())) return no_memory();
        for (uint32_t i = 0; i < model_.globals.size(); ++i) by_address[i] = i;
        if (!sort_by_key(by_address, [&](uint32_t i) { return model_.globals[i].address; })) return no_memory();
        Vector<uint8_t> repeated;
        if (!repeated.resize(model_.globals.size())) return no_memory();
        platform_fill(repeated.begin(), 0, repeated.size());
        for (size_t run = 0; run < by_address.size();) {  // each run of one address
            size_t end = run + 1;
            uint32_t first = by_address[run];
            for (; end < by_address.size() && model_.globals[by_address[end]].address == model_.globals[first].address; ++end)
                if (by_address[end] < first) first = by_address[end];
            const GlobalRecord& kept_one = model_.globals[first];
            for (size_t k = run; k < end; ++k) {
                const GlobalRecord& other = model_.globals[by_address[k]];
                if (by_address[k] != first && kept_one.symbol[0] && other.size == kept_one.size &&
                    StringView(other.symbol) == StringView(kept_one.symbol))
                    repeated[by_address[k]] = 1;
            }
            run = end;
        }
        size_t kept = 0;
        for (size_t i = 0; i < model_.globals.size(); ++i)
            if (!repeated[i]) model_.globals[kept++] = model_.globals[i];
        while (model_.globals.size() > kept) model_.globals.pop();
        return {};
    }

    Result<void> build_indexes() {
        for (uint32_t i = 0; i < model_.globals.size(); ++i) {
            if (model_.globals[i].type == kNoType) return corrupt("global without a type", model_.globals[i].name);
            uint64_t key = hash_name(model_.globals[i].name);  // the first of repeated names wins
            if (!model_.globals_by_name_.find(key) && !model_.globals_by_name_.insert(key, i)) return no_memory();
            if (!model_.globals_by_address_.push(i)) return no_memory();
        }
        for (uint32_t i = 0; i < model_.types.size(); ++i) {
            uint64_t key = hash_name(model_.types[i].name) ^ model_.types[i].kind;
            if (model_.types[i].name[0] && !model_.types_by_name_.find(key) && !model_.types_by_name_.insert(key, i))
                return no_memory();
        }
        for (uint32_t i = 0; i < model_.sites.size(); ++i) TRY(index_site(i));
        for (uint32_t i = 0; i < model_.symbols.size(); ++i) {
            uint64_t key = hash_name(model_.symbols[i].name);
            const uint32_t* first = model_.symbols_by_name_.find(key);
            if (first && model_.symbols[*first].address != model_.symbols[i].address &&
                !model_.ambiguous_symbols_.insert(key, 1))
                return no_memory();
            if (!first && !model_.symbols_by_name_.insert(key, i)) return no_memory();
            if (!model_.symbols_by_address_.push(i)) return no_memory();
        }
        if (!sort_by_key(model_.symbols_by_address_, [&](uint32_t i) { return model_.symbols[i].address; }) ||
            !sort_by_key(model_.globals_by_address_, [&](uint32_t i) { return model_.globals[i].address; }))
            return no_memory();
        return {};
    }

    Result<void> index_site(uint32_t i) {
        const SiteRecord& s = model_.sites[i];
        if (s.type == kNoType) return corrupt("allocation site without a type", s.function);
        if (!model_.sites_by_id_.find(s.id + 2) && !model_.sites_by_id_.insert(s.id + 2, i)) return no_memory();
        if (!model_.sites_by_address_.insert(s.address, i)) return no_memory();
        return {};
    }

    Result<void> load_heap(uint64_t registry_address) {
        HeapRegistry registry = TRY(read_value<HeapRegistry>(reader_, registry_address));
        if (registry.count > registry.capacity || registry.count > kMaxHeapObjects ||
            registry.far_site_count > kMaxFarSites)
            return corrupt("heap registry counts");
        uint64_t* far_sites = TRY(read_table<uint64_t>(registry.far_sites, registry.far_site_count));
        uint64_t* headers = nullptr;
        Result<void> result{};
        Result<uint64_t*> table = read_table<uint64_t>(registry.objects, registry.count);
        if (!table.ok()) result = table.error();
        else headers = table.value();
        if (result.ok() && !model_.objects.reserve(registry.count)) result = no_memory();
        for (uint64_t i = 0; i < registry.count && result.ok(); ++i)
            result = load_object(headers[i], i, registry, far_sites);
        platform_release(headers);
        platform_release(far_sites);
        return result;
    }

    Result<void> load_object(uint64_t at, uint64_t slot, const HeapRegistry& registry, const uint64_t* far_sites) {
        HeapHeader header = TRY(read_value<HeapHeader>(reader_, at));
        if (!header.valid()) return corrupt("heap object header (bad magic)");
        if (header.slot != slot) return corrupt("heap object header (slot does not match the table)");
        uint64_t site_address = 0;
        if (header.site & 1) {
            uint64_t index = static_cast<uint32_t>(header.site) >> 1;
            if (index >= registry.far_site_count) return corrupt("heap object header (far site index)");
            site_address = far_sites[index];
        } else {
            site_address = reinterpret_cast<uint64_t>(registry.site_anchor) + static_cast<uint64_t>(static_cast<int64_t>(header.site));
        }
        uint32_t site = TRY(site_for_object(site_address));
        if (!model_.objects.push(ObjectRecord{at + sizeof(HeapHeader), header.size(), site, header.how()})) return no_memory();
        return {};
    }

    Result<void> load_external(uint64_t table_address) {
        ExternalObjects table = TRY(read_value<ExternalObjects>(reader_, table_address));
        if (table.count > table.capacity || table.count > kMaxHeapObjects) return corrupt("external object table");
        ExternalObject* records = TRY(read_table<ExternalObject>(table.records, table.count));
        Result<void> result{};
        for (uint64_t i = 0; i < table.count && result.ok(); ++i) {
            Result<uint32_t> site = site_for_object(reinterpret_cast<uint64_t>(records[i].site));
            if (!site.ok()) {
                result = site.error();
            } else if (!model_.objects.push(ObjectRecord{reinterpret_cast<uint64_t>(records[i].object), records[i].size,
                                                         site.value(), LU_ALLOC_CUSTOM})) {
                result = no_memory();
            }
        }
        platform_release(records);
        return result;
    }

    // Sites created by an earlier transfer live outside the module tables.
    Result<uint32_t> site_for_object(uint64_t site_address) {
        uint32_t index = model_.find_site_by_address(site_address);
        if (index != kNoIndex) return index;
        if (!site_address) return corrupt("heap object without an allocation site");
        lu_alloc_site site = TRY(read_value<lu_alloc_site>(reader_, site_address));
        TRY(add_site(site, site_address));
        SiteRecord& record = model_.sites.back();
        record.type = TRY(resolve(record.type));
        index = static_cast<uint32_t>(model_.sites.size() - 1);
        TRY(index_site(index));
        return index;
    }

    ProgramModel& model_;
    const MemoryReader& reader_;
    Vector<ModuleTypes> modules_;
    Vector<uint64_t> raw_refs_;
    HashMap<TypeId> standalone_;
};

Result<void> ProgramModel::load(const MemoryReader& reader, uint64_t root_address, bool with_heap) {
    ModelLoader loader(*this, reader);
    return loader.load(root_address, with_heap);
}

Result<void> ProgramModel::load_local() {
    MemoryReader reader = local_memory_reader();
    return load(reader, reinterpret_cast<uint64_t>(&runtime_root()), false);
}

}  // namespace libupdate
