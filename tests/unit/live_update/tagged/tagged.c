/* tagged.c — values as an interpreter keeps them (Lua's TValue): a union
 * of a collectable object pointer, a C function pointer, an integer and a
 * float, with a tag byte beside it saying which member is active. Without
 * a rule the transfer cannot know whether the union's bytes are an address,
 * so it refuses; with the tag rule (tagged_test.cpp) the pointer members
 * are relocated and the numbers copied.
 * Scenario "unknown-tag" stores a tag no rule covers. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "../c_program.h"

enum { TAG_NIL = 0x00, TAG_INT = 0x03, TAG_FLOAT = 0x13, TAG_FUNCTION = 0x16, TAG_BOX = 0x45 };

struct box {
    long payload;
    char name[16];
};

typedef union Value {
    struct box* gc;
    long (*f)(long);
    long i;
    double n;
} Value;

typedef struct TValue {
    Value value_;
    unsigned char tt_;
} TValue;

TValue registers[6];   /* a global array of tagged values */
TValue* stack;         /* a heap array of them */
int stack_top;

static long twice(long x) { return 2 * x; }

static struct box* new_box(long payload, const char* name) {
    struct box* b = malloc(sizeof *b);
    b->payload = payload;
    snprintf(b->name, sizeof b->name, "%s", name);
    return b;
}

static void push(TValue* slot, unsigned char tag, Value value) {
    slot->value_ = value;
    slot->tt_ = tag;
}

void program_workload(int phase) {
    if (phase == 1) {
        stack = calloc(8, sizeof(TValue));
        push(&registers[0], TAG_INT, (Value){.i = 42});
        push(&registers[1], TAG_FLOAT, (Value){.n = 2.5});
        push(&registers[2], TAG_BOX, (Value){.gc = new_box(7, "seven")});
        push(&registers[3], TAG_FUNCTION, (Value){.f = twice});
        push(&registers[4], TAG_NIL, (Value){.i = 0x5eed}); /* stale bytes under a nil tag */
        push(&stack[0], TAG_BOX, (Value){.gc = registers[2].value_.gc}); /* shared with a register */
        push(&stack[1], TAG_BOX, (Value){.gc = new_box(9, "nine")});
        push(&stack[2], TAG_INT, (Value){.i = -1});
        stack_top = 3;
        return;
    }
    registers[0].value_.i += registers[3].value_.f(registers[2].value_.gc->payload);
    stack[0].value_.gc->payload += 100;
}

void program_scenario(const char* how) {
    if (strcmp(how, "unknown-tag") == 0) registers[5].tt_ = 0x2a;
}

static int describe(char* out, size_t capacity, const TValue* v) {
    switch (v->tt_) {
    case TAG_INT: return snprintf(out, capacity, "int %ld; ", v->value_.i);
    case TAG_FLOAT: return snprintf(out, capacity, "float %g; ", v->value_.n);
    case TAG_BOX: return snprintf(out, capacity, "box %s %ld; ", v->value_.gc->name, v->value_.gc->payload);
    case TAG_FUNCTION: return snprintf(out, capacity, "function %ld; ", v->value_.f(21));
    default: return snprintf(out, capacity, "nil; ");
    }
}

void program_digest(char* out, size_t capacity) {
    size_t used = 0;
    for (int i = 0; i < 6 && used < capacity; ++i) used += (size_t)describe(out + used, capacity - used, &registers[i]);
    for (int i = 0; i < stack_top && used < capacity; ++i) used += (size_t)describe(out + used, capacity - used, &stack[i]);
    if (used < capacity)
        snprintf(out + used, capacity - used, "\nshared %d\n", stack && registers[2].value_.gc == stack[0].value_.gc);
}
