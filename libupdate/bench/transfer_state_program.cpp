// transfer_state_program.cpp — the program whose state the transfer
// benchmark moves: a hash table of records with string keys, each record
// pointing into a shared list of owners. Sized by the caller.
#include "transfer_state_program.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace bench_state {

struct Owner {
    long id;
    Owner* next;
};

struct Record {
    char* key;
    long counters[6];
    Owner* owner;  // shared by many records
    Record* next;  // hash chain
};

Record** table;
long table_size;
long records;
Owner* owners;

void build(long count) {
    table_size = count / 4 + 1;
    table = static_cast<Record**>(calloc(static_cast<size_t>(table_size), sizeof(Record*)));
    for (long i = 0; i < count / 64 + 1; ++i) owners = new Owner{i, owners};
    Owner* owner = owners;
    for (long i = 0; i < count; ++i) {
        char key[32];
        std::snprintf(key, sizeof key, "record-%ld", i);
        Record* record = new Record{strdup(key), {i, i * 2, i * 3, i * 4, i * 5, i * 6}, owner, nullptr};
        long bucket = i % table_size;
        record->next = table[bucket];
        table[bucket] = record;
        owner = owner->next ? owner->next : owners;
        ++records;
    }
}

long checksum() {
    long sum = 0;
    for (long b = 0; b < table_size; ++b)
        for (Record* r = table[b]; r; r = r->next) sum += r->counters[5] + r->owner->id + r->key[7];
    return sum;
}

}  // namespace bench_state
