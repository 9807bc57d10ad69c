/* imprecise.c — a program whose state the metadata cannot describe
 * precisely, one kind of imprecision per variable. Phase 1 fills each with
 * plain data only (no addresses), which transfers; a scenario then stores an
 * address where the transfer cannot see a pointer. Address-preserving
 * transfer keeps the target where it was, or remaps code and globals by
 * name (program_hidden_pointer_intact checks the result):
 *   unknown-object   a heap object of unknown type (allocated through an
 *                    untyped helper) holds the address of another object;
 *   trailing-bytes   bytes past the last whole element of a typed object
 *                    (a record allocated with extra room) hold an address;
 *   code-address     the unknown-type object holds the address of a function;
 *   global-address   the unknown-type object holds the address of a global;
 *   freed-memory     ... the address of a block freed since (kept: it
 *                    pointed to nothing in the old version either).
 *   carved-object   a raw byte buffer (unsigned char) holds an object
 *                    carved out of it with a function pointer: scanned, the
 *                    function is remapped by name;
 *   data-buffer      a buffer allocated in a function declared to allocate
 *                    data holds the same function's address: copied as it
 *                    is, unscanned (it is data);
 *   data-tail        a record with room behind it, allocated in a function
 *                    declared to allocate data (a packet behind its header),
 *                    holds a string literal's address in that room: copied
 *                    as it is, unscanned (scanned, it would be refused);
 * and what must be refused:
 *   library-data     ... the address of the C library's stdout;
 *   string-literal   ... the address of a string literal in the program's
 *                    image (no variable covers it).
 * One object comes from an annotated allocator wrapper that allocates
 * through a function pointer: typed at the wrapper's call site, its pointer
 * is relocated like any typed one. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "../c_program.h"

struct record {
    long id;
    long weight;
};

/* Untyped: the pass cannot tell what the caller will keep in the block. */
static void* raw_block(size_t size) { return malloc(size); }

/* An interpreter-style allocator: the system allocator behind a function
 * pointer, and a wrapper whose callers say what they allocate. */
struct link {
    struct record* to;
    long hops;
};
static void* system_alloc(size_t size) { return malloc(size); }
void* (*allocate_through)(size_t) = system_alloc;
__attribute__((annotate("neurath.allocator_wrapper"))) static void* wrapped_block(size_t size) {
    return allocate_through(size);
}

/* An object carved out of a raw byte buffer, as allocators and databases do. */
struct carved {
    long (*weigh)(long);
    long id;
};
static unsigned char* raw_bytes(size_t size) { return malloc(size); }
__attribute__((annotate("neurath.data_allocation"))) static unsigned char* data_bytes(size_t size) { return malloc(size); }
__attribute__((annotate("neurath.data_allocation"))) static struct record* data_record(size_t room) {
    return malloc(sizeof(struct record) + room);
}

void* opaque;              /* heap object of unknown type */
unsigned char* bytes;      /* raw bytes: a struct carved at offset 16 */
unsigned char* data;       /* declared data */
long data_word;            /* what the old version wrote into `data` */
struct record* padded;     /* two records and 8 bytes of extra room behind them */
struct record* packet;     /* a record and 8 bytes of data behind it, less than a record (data-tail) */
unsigned char packet_word[sizeof(char*)];  /* the bytes the old version wrote there (a char array: never scanned) */
struct record* target;     /* an ordinary typed object */
struct link* linked;       /* typed at the wrapper's call site; points to target */
long counter = 7;

static long weigh(long id) { return id * 3; }

void program_workload(int phase) {
    if (phase != 1) return;
    target = malloc(sizeof *target);
    target->id = 1;
    target->weight = weigh(1);
    opaque = raw_block(64);
    memset(opaque, 0, 64);
    strcpy((char*)opaque, "plain bytes, no addresses");
    padded = malloc(2 * sizeof(struct record) + 8);
    memset(padded, 0, 2 * sizeof(struct record) + 8);
    padded->id = 2;
    padded->weight = 0x1234;
    linked = wrapped_block(sizeof *linked);
    linked->to = target;
    linked->hops = 1;
}

void program_scenario(const char* how) {
    if (strcmp(how, "unknown-object") == 0) ((void**)opaque)[5] = target;
    if (strcmp(how, "trailing-bytes") == 0) ((void**)padded)[4] = target;
    if (strcmp(how, "code-address") == 0) ((long (**)(long))opaque)[6] = weigh;
    if (strcmp(how, "global-address") == 0) ((void**)opaque)[7] = &counter;
    if (strcmp(how, "library-data") == 0) ((void**)opaque)[5] = stdout;
    if (strcmp(how, "string-literal") == 0) ((const void**)opaque)[5] = "a literal no variable covers";
    if (strcmp(how, "carved-object") == 0) {
        bytes = raw_bytes(64);
        memset(bytes, 0, 64);
        struct carved* object = (struct carved*)(bytes + 16);
        object->weigh = weigh;
        object->id = 5;
    }
    if (strcmp(how, "data-buffer") == 0) {
        data = data_bytes(64);
        memset(data, 0, 64);
        data_word = (long)weigh;
        memcpy(data + 8, &data_word, sizeof data_word);
    }
    if (strcmp(how, "data-tail") == 0) {
        packet = data_record(8);
        memset(packet, 0, sizeof *packet + 8);
        packet->id = 9;
        const char* literal = "a literal in a packet's payload";
        memcpy(packet_word, &literal, sizeof literal);
        memcpy(packet + 1, packet_word, sizeof packet_word);
    }
    if (strcmp(how, "freed-memory") == 0) {
        void* gone = malloc(4096);
        free(gone);
        ((void**)opaque)[5] = (char*)gone + 64;
    }
}

/* After a transfer of `how`: does the hidden word still mean what it meant? */
int program_hidden_pointer_intact(const char* how) {
    if (strcmp(how, "unknown-object") == 0) return ((void**)opaque)[5] == target;
    if (strcmp(how, "trailing-bytes") == 0) return ((void**)padded)[4] == target;
    if (strcmp(how, "code-address") == 0) return ((long (**)(long))opaque)[6] == weigh && weigh(2) == 6;
    if (strcmp(how, "global-address") == 0) return ((void**)opaque)[7] == &counter;
    if (strcmp(how, "carved-object") == 0) {
        struct carved* object = (struct carved*)(bytes + 16);
        return object->weigh == weigh && object->weigh(object->id) == 15;
    }
    if (strcmp(how, "data-buffer") == 0) {
        long word = 0;
        memcpy(&word, data + 8, sizeof word);
        return word == data_word;  /* the old version's bytes, unchanged */
    }
    if (strcmp(how, "data-tail") == 0) {
        /* the payload unchanged, the header converted */
        return memcmp(packet + 1, packet_word, sizeof packet_word) == 0 && packet->id == 9;
    }
    return 0;
}

void program_digest(char* out, size_t capacity) {
    snprintf(out, capacity, "opaque '%s' padded %ld %ld target %ld %ld counter %ld linked %ld %d\n",
             opaque ? (const char*)opaque : "-", padded ? padded->id : -1, padded ? padded->weight : -1,
             target ? target->id : -1, target ? target->weight : -1, counter, linked ? linked->hops : -1,
             linked ? linked->to == target : -1);
}
