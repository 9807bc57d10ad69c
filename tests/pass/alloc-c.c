// Allocation rewriting for the C allocators and inference of the allocated
// type from where the result goes (C malloc results carry no type in IR).
// RUN: %clang -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %dump_runtime %t.rt.o
// RUN: %clang -O0 %s %t.rt.o -o %t.exe
// RUN: %t.exe | FileCheck %s --check-prefix=EXEC
// RUN: %clang -O2 %s %t.rt.o -o %t.o2.exe
// RUN: %t.o2.exe | FileCheck %s --check-prefix=EXEC
#include <stdlib.h>
#include <string.h>

struct entry { int key; struct entry* next; };
struct table { struct entry** buckets; int size; char* name; };

struct table* global_table;

void lu_test_dump(void);

struct entry* make_entry(int key) {
    // IR-LABEL: define {{.*}}@make_entry
    // IR: call ptr @__lu_alloc(i64 16, ptr {{.*}}@__lu_alloc_sites{{.*}}, i32 1)
    struct entry* e = malloc(sizeof *e);
    e->key = key;
    e->next = NULL;
    return e;
}

struct table* make_table(int size) {
    // IR-LABEL: define {{.*}}@make_table
    // IR: call ptr @__lu_calloc(i64 1, i64 24,
    global_table = calloc(1, sizeof(struct table));
    // IR: call ptr @__lu_alloc(i64 {{.*}}, i32 1)
    global_table->buckets = malloc(size * sizeof(struct entry*));
    // IR: call ptr @__lu_strdup(
    global_table->name = strdup("numbers");
    global_table->size = size;
    return global_table;
}

void grow(struct table* t) {
    // IR-LABEL: define {{.*}}@grow
    // IR: call ptr @__lu_realloc(ptr {{.*}}, i64 {{.*}}, ptr
    t->buckets = realloc(t->buckets, 2 * t->size * sizeof(struct entry*));
    t->size *= 2;
}

void shrink(struct table* t) {
    // IR-LABEL: define {{.*}}@shrink
    // IR: call { i64, i1 } @llvm.umul.with.overflow.i64(
    // IR: call ptr @__lu_realloc(
    t->buckets = reallocarray(t->buckets, 3, sizeof(struct entry*));
}

char* copy_prefix(const char* text) {
    // IR: call ptr @__lu_strndup(
    return strndup(text, 3);
}

void* untyped(size_t n) {
    // IR-LABEL: define {{.*}}@untyped
    // IR: call ptr @__lu_alloc(
    return malloc(n);
}

int main(void) {
    struct table* t = make_table(2);
    t->buckets[0] = make_entry(1);
    grow(t);
    shrink(t);
    char* prefix = copy_prefix("abcdef");
    void* raw = untyped(5);
    // IR-LABEL: define {{.*}}@main
    // IR: call void @__lu_free(ptr {{.*}}, i32 1)
    free(raw);
    free(prefix);
    free(t->buckets[0]);
    free(t->buckets);
    free(t->name);
    free(t);
    lu_test_dump();
    return 0;
}
// No call of the C allocators is left.
// IR-NOT: call {{.*}}@malloc(
// IR-NOT: call {{.*}}@calloc(
// IR-NOT: call {{.*}}@free(

// EXEC: event calloc size=24 site='make_table' type='table'
// EXEC: event alloc how=0x1 size=16 site='make_table' type='entry*'
// EXEC: event strdup size=8 site='make_table' type='char'
// EXEC: event alloc how=0x1 size=16 site='make_entry' type='entry'
// EXEC: event realloc size=32 site='grow' type='entry*'
// EXEC: event realloc size=24 site='shrink' type='entry*'
// EXEC: event strndup size=3 site='copy_prefix' type='char'
// EXEC: event alloc how=0x1 size=5 site='untyped' type='<unknown>'
// EXEC-COUNT-6: event free how=1 null=0
// EXEC-DAG: site in 'make_entry' line=22 allocator=1 via=malloc type='entry' flags=store
// EXEC-DAG: site in 'make_table' line={{[0-9]+}} allocator=2 via=calloc type='table' flags=store
// EXEC-DAG: site in 'make_table' line={{[0-9]+}} allocator=1 via=malloc type='entry*' flags=store|array
// EXEC-DAG: site in 'make_table' line={{[0-9]+}} allocator=7 via=strdup type='char' flags=cast|array
// EXEC-DAG: site in 'grow' line={{[0-9]+}} allocator=3 via=realloc type='entry*' flags=store|array
// EXEC-DAG: site in 'shrink' line={{[0-9]+}} allocator=3 via=reallocarray type='entry*' flags=store|array
// EXEC-DAG: site in 'copy_prefix' line={{[0-9]+}} allocator=7 via=strndup type='char' flags=cast|array
// EXEC-DAG: site in 'untyped' line={{[0-9]+}} allocator=1 via=malloc type='<unknown>' flags=unknown
