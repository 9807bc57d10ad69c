// The limits report lists what the metadata cannot describe precisely.
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// Explicit path:
// RUN: %clang -O0 -c %s -o %t.dir/explicit.o -mllvm -lu-report=%t.dir/explicit.txt
// RUN: FileCheck %s < %t.dir/explicit.txt
// Default: next to the object file.
// RUN: %clang -O2 -c %s -o %t.dir/limits.o
// RUN: FileCheck %s < %t.dir/limits.o.lu-limits.txt
// Directory from the environment: <source name>.lu-limits.txt.
// RUN: env NEURATH_LU_REPORT_DIR=%t.dir %clang -O0 -S -emit-llvm %s -o /dev/null
// RUN: FileCheck %s < %t.dir/limits-report.c.lu-limits.txt
// The globals listed are flagged imprecise in the metadata itself.
// RUN: %dump_runtime %t.rt.o
// RUN: %clang -O0 %s %t.rt.o -o %t.exe
// RUN: %t.exe | FileCheck %s --check-prefix=META
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct client { int id; void* user_data; };
union value { long number; char* text; };
struct record { union value value; char name[16]; };

uintptr_t saved_address;          // pointer-in-integer (declared type)
unsigned long disguised;          // pointer-in-integer (seen in the code)
union value current;              // union-with-pointer
struct record records[4];         // union inside an array of structs, buffer
char scratch[32];                 // untyped-buffer
struct client clients[2];       // void* inside: untyped-pointer
void* (*allocator)(size_t) = malloc;  // malloc's address escapes
int table[8];
int* cursor;

void lu_test_dump(void);

void remember(struct client* s) {
    disguised = (unsigned long)s;
}

struct client* recall(void) {
    return (struct client*)disguised;
}

void* raw_buffer(size_t n) {
    return malloc(n);
}

void* aligned(void) {
    return aligned_alloc(64, 128);
}

size_t read_line(FILE* input, char** line) {
    size_t capacity = 0;
    return (size_t)getline(line, &capacity, input);  // may realloc *line itself
}

void walk(void) {
    cursor = table - 1;  // before the start of `table`
}

unsigned char* packet;     // raw bytes from malloc: byte-buffer
unsigned char* file_data;  // declared data: not reported

void make_packet(size_t n) {
    packet = malloc(n);
}

__attribute__((annotate("neurath.data_allocation"))) void load_file(size_t n) {
    file_data = malloc(n);
}

// One header followed by more bytes from an allocator wrapper: scanned, unless
// allocated in a function declared to allocate data (a packet behind its header).
struct frame {
    struct frame* next;
    int length;
};
struct frame* frames;
__attribute__((annotate("neurath.allocator_wrapper"))) static void* pool_alloc(size_t n) { return malloc(n); }
void make_frame(size_t payload) { frames = pool_alloc(sizeof(struct frame) + payload); }
__attribute__((annotate("neurath.data_allocation"))) void make_data_frame(size_t payload) {
    frames = pool_alloc(sizeof(struct frame) + payload);
}

int main(void) {
    struct client s = {1, 0};
    remember(&s);
    walk();
    lu_test_dump();
    return recall() != &s;
}
// CHECK: # Neurath live-update limits report
// CHECK-DAG: int-to-pointer: disguised at {{.*}}limits-report.c:41:
// CHECK-DAG: out-of-bounds-pointer: table + -4 (size 32) at {{.*}}limits-report.c:58:
// CHECK-DAG: pointer-in-integer: disguised at {{.*}}limits-report.c:37:
// CHECK-DAG: pointer-in-integer: saved_address (uintptr_t):
// CHECK-DAG: union-with-pointer: current (value):
// CHECK-DAG: untyped-buffer: records[].name (char[16]):
// CHECK-DAG: untyped-buffer: scratch (char[32]):
// CHECK-DAG: untyped-pointer: clients[].user_data (void*):
// CHECK-DAG: union-with-pointer: records[].value (value):
// CHECK-DAG: unknown-allocation-type: heap object from malloc in raw_buffer at {{.*}}limits-report.c:45:
// CHECK-DAG: untracked-allocation: aligned_alloc:
// CHECK-DAG: heap-aware-library-call: getline:
// CHECK-DAG: untracked-allocation: malloc: address of the allocator is taken
// CHECK-DAG: incomplete-type: active_session (session*): points to a type only declared here
// CHECK-DAG: byte-buffer: heap unsigned char from malloc in make_packet at {{.*}}limits-report.c:65: raw bytes that may hold objects
// CHECK-DAG: header-allocation: heap frame from pool_alloc in make_frame at {{.*}}: one object followed by bytes of unknown type
// CHECK-DAG: header-allocation: heap frame from pool_alloc in make_data_frame at {{.*}}: one object followed by data {{.*}} the rest is copied unchanged and not scanned
// CHECK-NOT: table:
// CHECK-NOT: in load_file
// CHECK: # {{[0-9]+}} finding(s)

// META-DAG: global 'saved_address' {{.*}} flags=imprecise
// META-DAG: global 'current' {{.*}} flags=imprecise
// META-DAG: global 'records' {{.*}} flags=imprecise
// META-DAG: global 'table' {{.*}} flags=none
// META-DAG: type 'value' kind=union size=8 flags=imprecise|has-pointers

// A pointer to a type this unit only declares (an interpreter's state behind
// an opaque handle): what it targets is typed only by its allocation site.
struct session;
struct session* active_session;
