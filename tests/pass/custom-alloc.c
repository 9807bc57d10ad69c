// Project allocators: named with -lu-allocator/-lu-deallocator or marked
// with annotate("neurath.allocator"/"neurath.deallocator") on a definition.
// Their calls stay; the result is registered/unregistered with the runtime.
// RUN: %clang -O0 -S -emit-llvm %s -o - -mllvm -lu-allocator=pool_take:1 -mllvm -lu-deallocator=pool_give:1 | FileCheck %s --check-prefix=IR
// RUN: %dump_runtime %t.rt.o
// RUN: %clang -O1 %s %t.rt.o -o %t.exe -mllvm -lu-allocator=pool_take:1 -mllvm -lu-deallocator=pool_give:1
// RUN: %t.exe | FileCheck %s --check-prefix=EXEC
// Without the options only the annotated pair is registered:
// RUN: %clang -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=NOOPT
#include <stddef.h>

struct pool { char space[256]; size_t used; };
struct job { int id; struct job* next; };

void lu_test_dump(void);

__attribute__((noinline)) void* pool_take(struct pool* pool, size_t size) {
    void* result = pool->space + pool->used;
    pool->used += (size + 15) & ~(size_t)15;
    return result;
}
__attribute__((noinline)) void pool_give(struct pool* pool, void* object) {
    (void)pool;
    (void)object;
}
__attribute__((annotate("neurath.allocator"), noinline)) void* arena_new(size_t size) {
    static char arena[128];
    return arena + (size & 0);
}
__attribute__((annotate("neurath.deallocator"), noinline)) void arena_drop(void* object) {
    (void)object;
}

struct pool jobs_pool;

int main(void) {
    // IR-LABEL: define {{.*}}@main
    // IR: [[JOB:%.*]] = call ptr @pool_take(
    // IR-NEXT: call void @__lu_heap_register(ptr [[JOB]], i64 16, ptr {{.*}}@__lu_alloc_sites
    struct job* job = pool_take(&jobs_pool, sizeof(struct job));
    job->id = 1;
    // IR: call void @__lu_heap_unregister(
    // IR-NEXT: call void @pool_give(
    pool_give(&jobs_pool, job);
    // IR: [[OTHER:%.*]] = call ptr @arena_new(
    // IR-NEXT: call void @__lu_heap_register(ptr [[OTHER]], i64 16,
    struct job* other = arena_new(sizeof(struct job));
    // IR: call void @__lu_heap_unregister(
    // IR-NEXT: call void @arena_drop(
    arena_drop(other);
    lu_test_dump();
    return 0;
}
// NOOPT-LABEL: define {{.*}}@main
// NOOPT-NOT: __lu_heap_register
// NOOPT: call ptr @arena_new(
// NOOPT-NEXT: call void @__lu_heap_register(

// EXEC: event register size=16 site='main' type='job'
// EXEC-NEXT: event unregister null=0
// EXEC-NEXT: event register size=16 site='main' type='job'
// EXEC-NEXT: event unregister null=0
// EXEC-DAG: site in 'main' line={{[0-9]+}} allocator=6 via=pool_take type='job' flags=store
// EXEC-DAG: site in 'main' line={{[0-9]+}} allocator=6 via=arena_new type='job' flags=store
