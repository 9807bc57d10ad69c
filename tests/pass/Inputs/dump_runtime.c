/* dump_runtime.c — a minimal stand-in for libupdate used by the pass tests.
 *
 * Implements every call the pass inserts (libupdate/metadata.h) on top of
 * malloc and prints one line per event, and lu_test_dump() prints every
 * module's metadata found through the "lu_modules" section, so lit tests can
 * FileCheck exactly what an instrumented program carries at run time.
 * Entry points for test programs: lu_test_dump(), lu_test_global_address().
 * Compiled WITHOUT the pass.
 */
#include <libupdate/metadata.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const struct lu_module* const __start_lu_modules[]
    __attribute__((weak, visibility("hidden")));
extern const struct lu_module* const __stop_lu_modules[]
    __attribute__((weak, visibility("hidden")));

static const char* kind_name(uint32_t kind) {
    static const char* const names[] = {"unknown", "void", "integer", "float",
                                        "pointer", "array", "struct", "union",
                                        "enum", "function-pointer", "c-string",
                                        "vtable-pointer"};
    return kind < sizeof names / sizeof names[0] ? names[kind] : "?";
}

static void print_flags(uint32_t flags, const char* const* names, int count) {
    int first = 1;
    printf(" flags=");
    for (int bit = 0; bit < count; ++bit)
        if (flags & (1u << bit)) {
            printf("%s%s", first ? "" : "|", names[bit]);
            first = 0;
        }
    if (first) printf("none");
}

static const char* const type_flags[] = {"signed", "bool", "char", "const",
                                         "reference", "flexible", "imprecise",
                                         "has-pointers", "incomplete", "class"};
static const char* const field_flags[] = {"base", "artificial", "no-transfer"};
static const char* const global_flags[] = {"const", "internal", "local-static",
                                           "thread-local", "imprecise",
                                           "no-transfer", "no-debug-info"};
static const char* const site_flags[] = {"heapallocsite", "store", "cast",
                                         "unknown", "array", "nothrow", "wrapper"};

static void dump_type(const struct lu_type* type) {
    printf("type '%s' kind=%s size=%llu", type->name, kind_name(type->kind),
           (unsigned long long)type->size);
    print_flags(type->flags, type_flags, 10);
    if (type->target) printf(" target='%s'", type->target->name);
    if (type->kind == LU_KIND_ARRAY) printf(" count=%llu", (unsigned long long)type->count);
    if (type->renamed_from[0]) printf(" renamed_from='%s'", type->renamed_from);
    printf("\n");
    for (uint64_t i = 0; type->fields && i < type->count; ++i) {
        const struct lu_field* field = &type->fields[i];
        printf("  field '%s' offset=%llu type='%s'", field->name,
               (unsigned long long)field->offset, field->type->name);
        if (field->bit_size) printf(" bits=%u:%u", field->bit_offset, field->bit_size);
        print_flags(field->flags, field_flags, 3);
        if (field->renamed_from[0]) printf(" renamed_from='%s'", field->renamed_from);
        if (field->default_value[0]) printf(" default='%s'", field->default_value);
        printf("\n");
    }
    for (uint64_t i = 0; type->enumerators && i < type->count; ++i)
        printf("  enumerator %s=%lld\n", type->enumerators[i].name,
               (long long)type->enumerators[i].value);
}

static void dump_module(const struct lu_module* module) {
    printf("module '%s' magic-ok=%d version=%u types=%llu globals=%llu sites=%llu "
           "points=%llu\n",
           module->source_file, module->magic == LU_METADATA_MAGIC, module->version,
           (unsigned long long)module->type_count, (unsigned long long)module->global_count,
           (unsigned long long)module->alloc_site_count,
           (unsigned long long)module->quiescent_point_count);
    for (uint64_t i = 0; i < module->type_count; ++i) dump_type(&module->types[i]);
    for (uint64_t i = 0; i < module->global_count; ++i) {
        const struct lu_global* global = &module->globals[i];
        printf("global '%s' symbol=%s size=%llu type='%s'", global->name, global->symbol,
               (unsigned long long)global->size, global->type->name);
        print_flags(global->flags, global_flags, 7);
        if (global->renamed_from[0]) printf(" renamed_from='%s'", global->renamed_from);
        printf("\n");
    }
    for (uint64_t i = 0; i < module->symbol_count; ++i)
        printf("symbol %s kind=%s\n", module->symbols[i].name,
               module->symbols[i].kind == LU_SYMBOL_VTABLE ? "vtable" : "function");
    for (uint64_t i = 0; i < module->alloc_site_count; ++i) {
        const struct lu_alloc_site* site = &module->alloc_sites[i];
        printf("site in '%s' line=%u allocator=%u via=%s type='%s'", site->function,
               site->line, site->allocator, site->allocator_name, site->type->name);
        if (getenv("LU_TEST_SHOW_IDS")) printf(" id=%016llx", (unsigned long long)site->id);
        print_flags(site->flags, site_flags, 7);
        printf("\n");
    }
    for (uint64_t i = 0; i < module->quiescent_point_count; ++i) {
        const struct lu_quiescent_point* point = &module->quiescent_points[i];
        printf("quiescent-point in '%s' callee=%s line=%u", point->function, point->callee,
               point->line);
        if (getenv("LU_TEST_SHOW_IDS")) printf(" id=%016llx", (unsigned long long)point->id);
        printf("\n");
    }
}

void lu_test_dump(void) {
    if (!__start_lu_modules) {
        printf("no modules\n");
        return;
    }
    for (const struct lu_module* const* it = __start_lu_modules; it < __stop_lu_modules; ++it)
        dump_module(*it);
    fflush(stdout);
}

const void* lu_test_global_address(const char* name) {
    for (const struct lu_module* const* it = __start_lu_modules;
         __start_lu_modules && it < __stop_lu_modules; ++it)
        for (uint64_t i = 0; i < (*it)->global_count; ++i)
            if (strcmp((*it)->globals[i].name, name) == 0) return (*it)->globals[i].address;
    return NULL;
}

static void event(const char* what, const struct lu_alloc_site* site, size_t size) {
    printf("event %s size=%zu site='%s' type='%s'\n", what, size, site->function,
           site->type->name);
}

void* __lu_alloc(size_t size, const struct lu_alloc_site* site, uint32_t how) {
    printf("event alloc how=0x%x size=%zu site='%s' type='%s'\n", how, size, site->function,
           site->type->name);
    return malloc(size ? size : 1);
}
void* __lu_calloc(size_t count, size_t size, const struct lu_alloc_site* site) {
    event("calloc", site, count * size);
    return calloc(count, size);
}
void* __lu_realloc(void* ptr, size_t size, const struct lu_alloc_site* site) {
    event("realloc", site, size);
    return realloc(ptr, size);
}
char* __lu_strdup(const char* str, const struct lu_alloc_site* site) {
    event("strdup", site, strlen(str) + 1);
    return strdup(str);
}
char* __lu_strndup(const char* str, size_t max, const struct lu_alloc_site* site) {
    event("strndup", site, max);
    return strndup(str, max);
}
void __lu_free(void* ptr, uint32_t how) {
    printf("event free how=%u null=%d\n", how, ptr == NULL);
    free(ptr);
}
void __lu_heap_register(void* ptr, size_t size, const struct lu_alloc_site* site) {
    (void)ptr;
    event("register", site, size);
}
void __lu_heap_unregister(void* ptr) { printf("event unregister null=%d\n", ptr == NULL); }
void __lu_heap_retype(void* ptr, const struct lu_alloc_site* site) {
    (void)ptr;
    event("retype", site, 0);
}
void __lu_quiescent_enter(const struct lu_quiescent_point* point) {
    printf("event quiescent-enter '%s'\n", point->function);
}
void __lu_quiescent_leave(const struct lu_quiescent_point* point) {
    printf("event quiescent-leave '%s'\n", point->function);
}
