/* pinned_v1.c — version 1 of a program whose record an untyped block points
 * to, so the record must keep its address in the new version. Version 2
 * (pinned_v2.c) reorders the record's fields: a record kept at its address
 * with another layout would put the hidden pointer on other bytes, so the
 * transfer must refuse. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "../c_program.h"

struct record {
    long id;
    long weight;
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
