/* pinned_v2.c — version 2 of pinned_v1.c: the record's fields in another
 * order and a third field, so its layout changed. The record an untyped
 * block points to must keep its address; with another layout the hidden
 * pointer would land on other bytes, so the transfer must refuse. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "../c_program.h"

struct record {
    long weight;
    long id;
    long checked;
};

static void* raw_block(size_t size) { return malloc(size); }

struct record* kept;  /* typed */
void* hidden;         /* untyped: word 2 holds `kept` */

void program_workload(int phase) {
    if (phase != 1) return;
    kept = malloc(sizeof *kept);
    kept->id = 7;
    kept->weight = 70;
    hidden = raw_block(32);
    memset(hidden, 0, 32);
    ((struct record**)hidden)[2] = kept;
}

void program_scenario(const char* how) { (void)how; }

void program_digest(char* out, size_t capacity) {
    snprintf(out, capacity, "record %ld %ld\n", kept ? kept->id : -1, kept ? kept->weight : -1);
}
