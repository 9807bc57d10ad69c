// loader_test.cpp — reading metadata tables into a ProgramModel, with
// hand-written tables in the format of metadata.h: references resolve,
// lookups work, and corrupted tables are refused with a clear error.
#include <libupdate/program_model.h>
#include <libupdate/runtime_root.h>

#include <gtest/gtest.h>

#include <cstring>

using namespace libupdate;

namespace {

// struct pair { int first; pair* next; char name[8]; }; pair table[2];
struct Tables {
    lu_type types[5];
    lu_field fields[3];
    lu_global globals[1];
    lu_symbol symbols[1];
    lu_alloc_site sites[1];
    lu_module module;
    const lu_module* modules[1];
    HeapRegistry heap;
    RuntimeRoot root;
    char storage[64];
};

void empty_function() {}

void build(Tables& t) {
    std::memset(&t, 0, sizeof t);
    t.types[0] = {"int", "", 4, LU_KIND_INTEGER, LU_TYPE_SIGNED, 4, 0, nullptr, 0, nullptr, nullptr};
    t.types[1] = {"pair", "", 24, LU_KIND_STRUCT, LU_TYPE_HAS_POINTERS, 8, 0, nullptr, 3, t.fields, nullptr};
    t.types[2] = {"pair*", "", 8, LU_KIND_POINTER, LU_TYPE_HAS_POINTERS, 8, 0, &t.types[1], 0, nullptr, nullptr};
    t.types[3] = {"char", "", 1, LU_KIND_INTEGER, LU_TYPE_CHAR | LU_TYPE_SIGNED, 1, 0, nullptr, 0, nullptr, nullptr};
    t.types[4] = {"char[8]", "", 8, LU_KIND_ARRAY, 0, 1, 0, &t.types[3], 8, nullptr, nullptr};
    t.fields[0] = {"first", "", "", &t.types[0], 0, 0, 0, 0, 0};
    t.fields[1] = {"next", "", "", &t.types[2], 8, 0, 0, 0, 0};
    t.fields[2] = {"name", "old_name", "", &t.types[4], 16, 0, 0, 0, 0};
    t.globals[0] = {"table", "table", "", t.storage, 48, &t.types[1], 0, 0};
    t.symbols[0] = {"_Z14empty_functionv", reinterpret_cast<const void*>(&empty_function), 16, LU_SYMBOL_FUNCTION, 0};
    t.sites[0] = {77, "make_pair", "pairs.c", 3, LU_ALLOC_MALLOC, &t.types[1], "malloc", 0, 0};
    t.module = {LU_METADATA_MAGIC, LU_METADATA_VERSION, "pairs.c", 0, 0, t.types, 5, t.globals, 1,
                t.symbols, 1, t.sites, 1, nullptr, 0};
    t.modules[0] = &t.module;
    static const char anchor = 0;
    t.heap.site_anchor = &anchor;
    t.root = {kRuntimeRootMagic, kRuntimeRootVersion, 0, t.modules, t.modules + 1, &t.heap, nullptr};
}

Result<void> load(Tables& t, ProgramModel& model) {
    return model.load(local_memory_reader(), reinterpret_cast<uint64_t>(&t.root), true);
}

}  // namespace

TEST(ProgramModelLoader, ResolvesTypesFieldsGlobalsSitesAndSymbols) {
    static Tables t;
    build(t);
    ProgramModel model;
    Result<void> loaded = load(t, model);
    ASSERT_TRUE(loaded.ok()) << loaded.error().text;
    const GlobalRecord* table = model.find_global("table");
    ASSERT_NE(table, nullptr);
    const TypeRecord& pair = model.type(table->type);
    EXPECT_STREQ(pair.name, "pair");
    ASSERT_EQ(pair.count, 3u);
    EXPECT_STREQ(model.field(pair, 2).renamed_from, "old_name");
    const TypeRecord& next = model.type(model.field(pair, 1).type);
    EXPECT_EQ(next.kind, static_cast<uint32_t>(LU_KIND_POINTER));
    EXPECT_EQ(next.target, table->type);  // the cycle pair -> pair* -> pair resolves
    EXPECT_EQ(model.find_type_by_name("char[8]", LU_KIND_ARRAY), 4u);
    EXPECT_EQ(model.sites[model.find_site_by_id(77)].type, table->type);
    EXPECT_EQ(model.global_containing(reinterpret_cast<uint64_t>(t.storage) + 30), table);
    EXPECT_STREQ(model.symbol_containing(reinterpret_cast<uint64_t>(&empty_function) + 4)->name, "_Z14empty_functionv");
    EXPECT_EQ(model.find_symbol("_Z14empty_functionv")->address, reinterpret_cast<uint64_t>(&empty_function));
    EXPECT_TRUE(model.objects.empty());
}

namespace {

std::string load_error(Tables& t) {
    ProgramModel model;
    Result<void> loaded = load(t, model);
    EXPECT_FALSE(loaded.ok());
    return loaded.ok() ? "" : loaded.error().text;
}

}  // namespace

TEST(ProgramModelLoader, RefusesCorruptedTables) {
    static Tables t;
    build(t);
    t.root.magic = 1;
    EXPECT_EQ(load_error(t), "corrupted metadata in program image: runtime root has a bad magic number or version");
    build(t);
    t.module.magic = 0;
    EXPECT_EQ(load_error(t), "corrupted metadata in program image: module magic");
    build(t);
    t.module.version = 99;
    EXPECT_EQ(load_error(t), "corrupted metadata in program image: unsupported metadata version");
    build(t);
    static lu_type stray = {"stray", "", 8, LU_KIND_STRUCT, 0, 8, 0, nullptr, 0, nullptr, nullptr};
    t.fields[0].type = &stray;
    EXPECT_EQ(load_error(t), "corrupted metadata in program image: type reference outside every type table");
    build(t);
    t.fields[2].offset = 20;  // char[8] at 20 ends past the 24-byte struct
    EXPECT_EQ(load_error(t), "corrupted metadata in program image: field outside its struct: name");
    build(t);
    t.types[4].count = 1000;
    EXPECT_EQ(load_error(t), "corrupted metadata in program image: array larger than its size: char[8]");
    build(t);
    t.types[2].target = reinterpret_cast<const lu_type*>(reinterpret_cast<const char*>(&t.types[1]) + 4);
    EXPECT_EQ(load_error(t), "corrupted metadata in program image: misaligned type reference");
    build(t);
    t.heap.count = 5;  // claims objects the table does not hold
    EXPECT_EQ(load_error(t), "corrupted metadata in program image: heap registry counts");
}
