/* registry_v2.c — version 2 of the "registry" test program. Against
 * version 1 it changes, on purpose:
 *   struct Account -> Customer (renamed, annotated), id int -> long (widened),
 *   name char[12] -> char[24] (grown), balance moved after color
 *   (reordered), legacy_flags removed, visits long -> int (narrowed),
 *   priority added (lu.default=5), best_friend added (zeroed);
 *   enum Color renumbered and extended; enum Kind (a 5-bit bit-field)
 *   renumbered and extended;
 *   account_count -> customer_count (renamed, annotated);
 *   scores int[4] -> int[8] (grown); totals long[8] -> long[4] (shrunk). */
#include "registry_v2.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct Customer* accounts;
int customer_count LU_RENAMED_FROM("account_count");
int scores[8];
long totals[4];
struct Customer* by_id[16];
short* balance_ptr;

static const char* color_name(enum Color c) {
    switch (c) {
    case Blue: return "blue";
    case Red: return "red";
    case Green: return "green";
    case Violet: return "violet";
    }
    return "?";
}

static const char* kind_name(enum Kind k) {
    switch (k) {
    case Checking: return "checking";
    case Savings: return "savings";
    case Loan: return "loan";
    case Escrow: return "escrow";
    }
    return "?";
}

static void add(long id) {
    struct Customer* c = calloc(1, sizeof(struct Customer));
    static const enum Color colors[] = {Red, Green, Blue};
    c->id = id;
    snprintf(c->name, sizeof c->name, "acct-%ld", id);
    c->balance = (short)(id * 3);
    c->color = colors[id % 3];
    static const enum Kind kinds[] = {Checking, Savings, Loan};
    c->kind = kinds[id % 3];
    c->visits = (int)(id * 1000);
    c->priority = 5;
    c->next = accounts;
    accounts = c;
    by_id[id % 16] = c;
    ++customer_count;
}

void program_workload(int phase) {
    if (phase == 1) {
        for (int id = 1; id <= 10; ++id) add(id);
        for (int i = 0; i < 4; ++i) scores[i] = 10 * (i + 1);
        for (int i = 0; i < 4; ++i) totals[i] = 1000 + i;
        balance_ptr = &by_id[7]->balance;
        return;
    }
    for (struct Customer* c = accounts; c; c = c->next) {
        c->visits += 1;
        c->balance = (short)(c->balance + c->priority);
    }
    *balance_ptr += 100;
    add(11);
    scores[5] = scores[0] + scores[3];
    strcat(by_id[2]->name, "-longer-name");
}

void program_scenario(const char* how) { (void)how; }

void program_digest(char* out, size_t capacity) {
    size_t used = (size_t)snprintf(out, capacity, "count %d\n", customer_count);
    for (struct Customer* c = accounts; c && used < capacity; c = c->next)
        used += (size_t)snprintf(out + used, capacity - used, "%ld %s %d %s %s %d p%d%s\n", c->id, c->name, c->balance,
                                 color_name(c->color), kind_name(c->kind), c->visits, c->priority, c->best_friend ? " friend" : "");
    for (int i = 0; i < 8 && used < capacity; ++i) used += (size_t)snprintf(out + used, capacity - used, "s%d ", scores[i]);
    for (int i = 0; i < 4 && used < capacity; ++i) used += (size_t)snprintf(out + used, capacity - used, "t%ld ", totals[i]);
    if (used < capacity) snprintf(out + used, capacity - used, "\nbalance_ptr %d\n", balance_ptr ? *balance_ptr : -1);
}
