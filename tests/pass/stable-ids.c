// Allocation-site and quiescent-point ids are stable between versions: they
// hash (function, type, ordinal), not line numbers, so editing code around a
// site keeps its id; allocating another type in the function keeps the rest.
// RUN: %dump_runtime %t.rt.o
// RUN: %clang -O0 %s %t.rt.o -o %t.v1.exe
// RUN: %clang -O0 -DVERSION2 %s %t.rt.o -o %t.v2.exe
// RUN: env LU_TEST_SHOW_IDS=1 %t.v1.exe > %t.v1.txt
// RUN: env LU_TEST_SHOW_IDS=1 %t.v2.exe > %t.v2.txt
// RUN: cat %t.v1.txt %t.v2.txt | FileCheck %s
#include <stdlib.h>

struct job { int id; };
struct log_line { char text[32]; };

void lu_test_dump(void);
int lu_quiescent_receive(int* m) { return *m = 0; }

struct job* current;
struct log_line* last_line;

#ifdef VERSION2
#line 100  // version 2 moves everything below to other lines
#endif
void serve(void) {
    int m;
#ifdef VERSION2
    // Version 2 adds code, lines and a new allocation of another type.
    last_line = malloc(sizeof *last_line);
    m = 2;
    m += 1;
#endif
    current = malloc(sizeof *current);
    lu_quiescent_receive(&m);
}

int main(void) {
    serve();
    lu_test_dump();
    return 0;
}
// CHECK: site in 'serve' line={{[0-9]+}} allocator=1 via=malloc type='job' id=[[JOB:[0-9a-f]+]] flags=store
// CHECK: quiescent-point in 'serve' callee=lu_quiescent_receive line={{[0-9]+}} id=[[POINT:[0-9a-f]+]]
// CHECK: site in 'serve' line=1{{[0-9][0-9]}} allocator=1 via=malloc type='log_line' id={{[0-9a-f]+}} flags=store
// CHECK: site in 'serve' line=1{{[0-9][0-9]}} allocator=1 via=malloc type='job' id=[[JOB]] flags=store
// CHECK: quiescent-point in 'serve' callee=lu_quiescent_receive line=1{{[0-9][0-9]}} id=[[POINT]]
