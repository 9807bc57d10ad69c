/* registry_v1.c — version 1 of the "registry" test program: a linked list
 * of accounts plus a few arrays and an interior pointer. Version 2
 * (registry_v2.c) changes almost every type; see there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../c_program.h"

enum Color { Red, Green, Blue };
enum Kind { Checking, Savings, Loan };

struct Account {
    int id;
    char name[12];
    short balance;
    enum Color color;
    enum Kind kind : 5;
    int legacy_flags;
    struct Account* next;
    long visits;
};

struct Account* accounts;
int account_count;
int scores[4];
long totals[8];
struct Account* by_id[16];
short* balance_ptr; /* interior pointer into one account */

static void add(int id) {
    struct Account* a = malloc(sizeof(struct Account));
    a->id = id;
    snprintf(a->name, sizeof a->name, "acct-%d", id);
    a->balance = (short)(id * 3);
    a->color = (enum Color)(id % 3);
    a->kind = (enum Kind)(id % 3);
    a->legacy_flags = 0x5a;
    a->visits = id * 1000L;
    a->next = accounts;
    accounts = a;
    by_id[id % 16] = a;
    ++account_count;
}

void program_workload(int phase) {
    if (phase != 1) return;
    for (int id = 1; id <= 10; ++id) add(id);
    for (int i = 0; i < 4; ++i) scores[i] = 10 * (i + 1);
    for (int i = 0; i < 4; ++i) totals[i] = 1000 + i;
    balance_ptr = &by_id[7]->balance;
}

void program_scenario(const char* how) {
    if (strcmp(how, "overflow") == 0) by_id[4]->visits = 5000000000L;
    if (strcmp(how, "shrink-in-use") == 0) totals[6] = 1;
}

void program_digest(char* out, size_t capacity) { snprintf(out, capacity, "version 1 has no digest of its own"); }
