// Allocator wrappers (-lu-allocator-wrapper or annotate("neurath.allocator_wrapper")):
// an interpreter-style allocator calls the system through a function pointer,
// so the one malloc site inside cannot know what it allocates. Each call of
// the wrapper becomes a site typed from the caller's use of the result, and
// the object is retyped to it after the call.
// A name may also be a function-pointer typedef (alloc_function): calls
// through a pointer of that type are wrapper calls, typed the same way.
// RUN: %clang -O0 -S -emit-llvm %s -o - -mllvm -lu-allocator-wrapper=mem_new,alloc_function | FileCheck %s --check-prefix=IR
// RUN: %dump_runtime %t.rt.o
// RUN: %clang -O1 %s %t.rt.o -o %t.exe -mllvm -lu-allocator-wrapper=mem_new,alloc_function
// RUN: %t.exe | FileCheck %s --check-prefix=EXEC
// Without the option only the annotated wrapper is typed:
// RUN: %clang -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=NOOPT
#include <stdlib.h>

struct table { long size; struct table* meta; };
struct closure { int upvalues; void* code; };

typedef void* (*alloc_function)(void* user, size_t size);
static void* system_alloc(void* user, size_t size) { (void)user; return malloc(size); }
alloc_function g_alloc = system_alloc;

void lu_test_dump(void);

__attribute__((noinline)) void* mem_new(size_t size) { return g_alloc(NULL, size); }
__attribute__((annotate("neurath.allocator_wrapper"), noinline)) void* gc_new(size_t size) {
    return g_alloc(NULL, size);
}

struct table* registry;

int main(void) {
    // IR-LABEL: define {{.*}}@main
    // IR: [[T:%.*]] = call ptr @mem_new(
    // IR-NEXT: call void @__lu_heap_retype(ptr [[T]], ptr {{.*}}@__lu_alloc_sites
    struct table* t = mem_new(sizeof(struct table));
    t->size = 0;
    registry = t;
    // IR: [[C:%.*]] = call ptr @gc_new(
    // IR-NEXT: call void @__lu_heap_retype(ptr [[C]],
    struct closure* c = gc_new(sizeof(struct closure));
    c->upvalues = 2;
    // IR: [[F:%.*]] = load ptr, ptr @g_alloc
    // IR-NEXT: [[S:%.*]] = call ptr [[F]](
    // IR-NEXT: call void @__lu_heap_retype(ptr [[S]],
    struct table* state = g_alloc(NULL, sizeof(struct table));
    state->meta = t;
    lu_test_dump();
    return c->upvalues - 2 + (int)t->size + (state->meta != t);
}
// NOOPT-LABEL: define {{.*}}@main
// NOOPT: call ptr @mem_new(
// NOOPT-NOT: __lu_heap_retype
// NOOPT: call ptr @gc_new(
// NOOPT-NEXT: call void @__lu_heap_retype(

// EXEC: event retype size=0 site='main' type='table'
// EXEC: event retype size=0 site='main' type='closure'
// EXEC: event retype size=0 site='main' type='table'
// EXEC-DAG: site in 'system_alloc' line={{[0-9]+}} allocator=1 via=malloc type='<unknown>' flags=unknown
// EXEC-DAG: site in 'main' line={{[0-9]+}} allocator=1 via=mem_new type='table' flags=store|array|wrapper
// EXEC-DAG: site in 'main' line={{[0-9]+}} allocator=1 via=gc_new type='closure' flags=store|array|wrapper
// EXEC-DAG: site in 'main' line={{[0-9]+}} allocator=1 via=(*alloc_function) type='table' flags=store|array|wrapper
// The wrappers' own calls through the pointer have no type there: no retype.
// EXEC-DAG: site in 'mem_new' line={{[0-9]+}} allocator=1 via=(*alloc_function) type='<unknown>' flags=unknown|wrapper
