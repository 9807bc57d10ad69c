// Metadata for every kind of C type, read back at run time through the
// "lu_modules" section by the dump runtime.
// RUN: %dump_runtime %t.rt.o
// RUN: %clang -O0 %s %t.rt.o -o %t.exe
// RUN: %t.exe | FileCheck %s
// RUN: %clang -O2 %s %t.rt.o -o %t.o2.exe
// RUN: %t.o2.exe | FileCheck %s
#include <stdbool.h>
#include <stddef.h>

struct incomplete;
enum level { LOW = -1, MID = 0, HIGH = 7 };
typedef struct { short x, y; } point_t;
struct flags { unsigned a : 3; unsigned b : 5; int rest; };
struct message {
    int id;
    struct message* next;
    const char* text;
    char tag[8];
    int matrix[2][3];
    point_t where;
    enum level level;
    bool urgent;
    unsigned char raw;
    long long big;
    float ratio;
    double precise;
    void (*callback)(struct message*);
    struct incomplete* opaque;
};
struct packet { int length; unsigned char payload[]; };
struct __attribute__((btf_decl_tag("lu.renamed_from=old_config"))) config {
    int retries __attribute__((btf_decl_tag("lu.default=3")));
    int cache __attribute__((btf_decl_tag("lu.no_transfer")));
    int timeout __attribute__((btf_decl_tag("lu.renamed_from=wait")));
};

struct message inbox;
struct flags switches;
struct packet* last_packet;
struct config settings __attribute__((btf_decl_tag("lu.renamed_from=conf")));
static int hits;
const int limit = 10;
int counters[4];
int cache __attribute__((btf_decl_tag("lu.no_transfer")));

void lu_test_dump(void);
const void* lu_test_global_address(const char* name);

static int count_call(void) {
    static int calls;
    return ++calls + hits++;
}

int main(void) {
    count_call();
    lu_test_dump();
    // The table's addresses are the variables' real addresses (checked last).
    if (lu_test_global_address("inbox") == &inbox) __builtin_printf("address inbox ok\n");
    if (lu_test_global_address("count_call::calls"))
        __builtin_printf("address count_call::calls ok\n");
    return limit - 10 + (int)counters[0] + switches.rest + (last_packet != 0) + cache +
           settings.retries;
}

// CHECK: module '{{.*}}types-c.c' magic-ok=1 version=1
// CHECK-DAG: type 'message' kind=struct size=112 flags=has-pointers
// CHECK-DAG:   field 'id' offset=0 type='int' flags=none
// CHECK-DAG:   field 'next' offset=8 type='message*' flags=none
// CHECK-DAG:   field 'text' offset=16 type='const char*' flags=none
// CHECK-DAG:   field 'tag' offset=24 type='char[8]' flags=none
// CHECK-DAG:   field 'matrix' offset=32 type='int[2][3]' flags=none
// CHECK-DAG:   field 'where' offset=56 type='point_t' flags=none
// CHECK-DAG:   field 'level' offset=60 type='level' flags=none
// CHECK-DAG:   field 'urgent' offset=64 type='_Bool' flags=none
// CHECK-DAG:   field 'raw' offset=65 type='unsigned char' flags=none
// CHECK-DAG:   field 'big' offset=72 type='long long' flags=none
// CHECK-DAG:   field 'ratio' offset=80 type='float' flags=none
// CHECK-DAG:   field 'precise' offset=88 type='double' flags=none
// CHECK-DAG:   field 'callback' offset=96 type='void(message*)*' flags=none
// CHECK-DAG:   field 'opaque' offset=104 type='incomplete*' flags=none
// CHECK-DAG: type 'message*' kind=pointer size=8 flags=has-pointers target='message'
// CHECK-DAG: type 'const char*' kind=c-string size=8 flags=const|has-pointers target='char'
// CHECK-DAG: type 'char' kind=integer size=1 flags=signed|char
// CHECK-DAG: type 'unsigned char' kind=integer size=1 flags=char
// CHECK-DAG: type '_Bool' kind=integer size=1 flags=bool
// CHECK-DAG: type 'int' kind=integer size=4 flags=signed
// CHECK-DAG: type 'long long' kind=integer size=8 flags=signed
// CHECK-DAG: type 'float' kind=float size=4
// CHECK-DAG: type 'double' kind=float size=8
// CHECK-DAG: type 'char[8]' kind=array size=8 flags=none target='char' count=8
// CHECK-DAG: type 'int[3]' kind=array size=12 flags=none target='int' count=3
// CHECK-DAG: type 'int[2][3]' kind=array size=24 flags=none target='int[3]' count=2
// CHECK-DAG: type 'point_t' kind=struct size=4 flags=none
// CHECK-DAG:   field 'x' offset=0 type='short' flags=none
// CHECK-DAG:   field 'y' offset=2 type='short' flags=none
// CHECK-DAG: type 'level' kind=enum size=4 flags=signed target='int'
// CHECK-DAG:   enumerator LOW=-1
// CHECK-DAG:   enumerator HIGH=7
// CHECK-DAG: type 'void(message*)*' kind=function-pointer size=8 flags=has-pointers
// CHECK-DAG: type 'incomplete' kind=struct size=0 flags=incomplete
// CHECK-DAG: type 'flags' kind=struct size=8 flags=none
// CHECK-DAG:   field 'a' offset=0 type='unsigned int' bits=0:3 flags=none
// CHECK-DAG:   field 'b' offset=0 type='unsigned int' bits=3:5 flags=none
// CHECK-DAG:   field 'rest' offset=4 type='int' flags=none
// CHECK-DAG: type 'packet' kind=struct size=4 flags=none
// CHECK-DAG:   field 'payload' offset=4 type='unsigned char[0]' flags=none
// CHECK-DAG: type 'unsigned char[0]' kind=array size=0 flags=flexible target='unsigned char' count=0
// CHECK-DAG: type 'config' kind=struct size=12 flags=none renamed_from='old_config'
// CHECK-DAG:   field 'retries' offset=0 type='int' flags=none default='3'
// CHECK-DAG:   field 'cache' offset=4 type='int' flags=no-transfer
// CHECK-DAG:   field 'timeout' offset=8 type='int' flags=none renamed_from='wait'
// CHECK-DAG: global 'inbox' symbol=inbox size=112 type='message' flags=imprecise
// CHECK-DAG: global 'switches' symbol=switches size=8 type='flags' flags=none
// CHECK-DAG: global 'last_packet' symbol=last_packet size=8 type='packet*' flags=none
// CHECK-DAG: global 'settings' symbol=settings size=12 type='config' flags=none renamed_from='conf'
// CHECK-DAG: global 'hits' symbol=hits size=4 type='int' flags=internal
// CHECK-DAG: global 'limit' symbol=limit size=4 type='int' flags=const
// CHECK-DAG: global 'counters' symbol=counters size=16 type='int[4]' flags=none
// CHECK-DAG: global 'cache' symbol=cache size=4 type='int' flags=no-transfer
// CHECK-DAG: global 'count_call::calls' symbol=count_call.calls size=4 type='int' flags=internal|local-static
// CHECK-DAG: symbol main kind=function
// CHECK: address inbox ok
// CHECK: address count_call::calls ok
